// Statements a transaction sends ahead (TxContext.sendAhead; the pool runs in pipeline mode) are not
// waited for one by one: COMMIT follows them on the wire. One that fails must still fail the whole
// transaction, with its own error, and leave nothing of it committed.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findNode, query, sql, transitionNode } from "@backbeat/db";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { inTransaction } from "../src/transaction.ts";
import { audit, sentSignal, newWorkflow } from "./support.ts";

describe("statements sent ahead of COMMIT", () => {
  let h: Harness;
  const reported: string[] = [];
  before(async () => {
    h = await createHarness();
    h.engine.events.on("transitions", (e) => reported.push(`${e.statusType}:${e.to}`));
  });
  after(() => h.close());

  it("one that fails fails the transaction with its error, and nothing of it commits", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const node = (await findNode(h.engine.sql, s.id))!;
    const history = await audit(h, s.id);
    reported.length = 0;
    await assert.rejects(
      inTransaction(h.engine.context, async (t) => {
        await transitionNode(t.tx, node, { steps: [{ type: "client", to: "processing" }], now: t.now });
        t.sendAhead(query(t.tx, sql`SELECT 1 / ${0}::int AS never`));
        // Sent behind the failed one: it fails too (the transaction is aborted), without hiding the first error.
        t.sendAhead(query(t.tx, sql`SELECT 1 AS after_the_failure`));
      }),
      /division by zero/,
    );
    assert.equal(await h.status(s.id), "sent_to_client/received");
    assert.deepEqual(await audit(h, s.id), history);
    assert.deepEqual(reported, [], "a rolled-back transaction reports no transition");
  });

  it("the connection is clean for the next transaction", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    // Every pooled connection in turn, as later transactions get them.
    for (let i = 0; i < 12; i++) {
      await assert.rejects(
        inTransaction(h.engine.context, async (t) => {
          t.sendAhead(query(t.tx, sql`SELECT 1 / ${0}::int AS never`));
          return Promise.resolve();
        }),
        /division by zero/,
      );
    }
    await h.engine.reportNodeStatus(h.caller, s.id, "processing");
    assert.equal(await h.status(s.id), "sent_to_client/processing");
  });

  it("those that succeed commit with the transaction", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const node = (await findNode(h.engine.sql, s.id))!;
    await inTransaction(h.engine.context, (t) => {
      t.sendAhead(transitionNode(t.tx, node, { steps: [{ type: "client", to: "processing" }], now: t.now }));
      return Promise.resolve();
    });
    assert.equal(await h.status(s.id), "sent_to_client/processing");
  });
});
