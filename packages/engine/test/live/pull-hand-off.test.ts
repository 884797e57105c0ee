// A node a transaction of this process sends to a pull client goes to this process's subscription
// as the transaction commits (live/pull-hand-off.ts): its claim is locked beside the COMMIT, and no
// fill reads it. What the subscriptions have no room for, and what did not commit, waits for a fill.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import type { Caller } from "../../src/caller.ts";
import { createEngine, type Engine } from "../../src/index.ts";
import { PullDispatcher } from "../../src/live/pull-dispatcher.ts";
import { StatusFeed } from "../../src/live/status-feed.ts";
import { inTransaction } from "../../src/transaction.ts";
import { nextNode, TRY_CLAIM_LOCK } from "./pull-support.ts";

describe("pull hand-off at commit", () => {
  let db: TestDatabase;
  let engine: Engine;
  let feed: StatusFeed;
  let pull: PullDispatcher;
  let caller: Caller;
  const handedOut = { commit: 0, claim: 0 };
  before(async () => {
    db = await createTestDatabase();
    engine = createEngine({ databaseUrl: db.url, poolSize: 4 });
    caller = { kind: "client", clientId: (await engine.createClient({ name: "puller" })).client.id };
    // No poll and no sweep within a test: what arrives comes from the hand-off, NOTIFY or a report.
    feed = new StatusFeed(engine.sql, db.url, { pollMs: 600_000 });
    pull = new PullDispatcher(engine.sql, db.url, feed, {
      pollMs: 600_000,
      handOff: engine.context.pullHandOff,
      onHandedOut: (via, count) => (handedOut[via] += count),
    });
  });
  after(async () => {
    await pull.close();
    await feed.close();
    await engine.close();
    await db.drop();
  });

  const clientId = () => (caller.kind === "client" ? caller.clientId : "");
  const signal = async (name: string) => {
    const workflow = await engine.createWorkflow(caller, { name: `w-${name}`, subject: { name } });
    return { workflow, node: await engine.signalWorkflow(caller, workflow.id, { name }) };
  };

  it("hands a signalled node to the subscription as the signal commits, without a fill", async () => {
    const queue = await pull.subscribe(clientId(), 1);
    await pull.handedOut(); // the subscription's first fill: nothing waiting yet
    const before = { ...handedOut };

    const { node: s } = await signal("first");
    const node = await nextNode(queue);
    assert.equal(node.id, s.id);
    assert.equal(node.clientStatus, "received");
    assert.equal(node.workflow?.name, "w-first");
    assert.deepEqual(handedOut, { commit: before.commit + 1, claim: before.claim });
    assert.ok(pull.holds(s.id));

    // The slot is taken: the next node is not offered, and goes out through a fill once the slot frees.
    const { node: t } = await signal("second");
    await pull.handedOut();
    assert.equal(pull.holds(t.id), false);
    await engine.reportNodeStatus(caller, s.id, "deciding_complete");
    const second = await nextNode(queue);
    assert.equal(second.id, t.id);
    assert.deepEqual(handedOut, { commit: before.commit + 1, claim: before.claim + 1 });
    await engine.reportNodeStatus(caller, t.id, "deciding_complete");
    await queue.return?.();
  });

  it("gives back the claims of a transaction that did not commit, and hands nothing out", async () => {
    const queue = await pull.subscribe(clientId(), 1);
    await pull.handedOut();
    const before = { ...handedOut };
    const { workflow, node: s } = await signal("rolled-back");
    const offered = { ...s, id: randomUUID() };
    // It sends a pulled node, then a statement of its own fails: its COMMIT is a ROLLBACK.
    await assert.rejects(
      inTransaction(engine.context, async (t) => {
        t.sentToPull.add(offered, workflow);
        t.sendAhead(t.tx.query("SELECT 1 / 0"));
      }),
      /division by zero/,
    );
    // Its claim's lock was taken beside the COMMIT, and is given back: another session gets it.
    const other = new pg.Client(db.url);
    await other.connect();
    try {
      for (let i = 0; ; i++) {
        const { rows } = await other.query<{ locked: boolean }>(TRY_CLAIM_LOCK, [offered.id, String(offered.attempt)]);
        if (rows[0]!.locked) break;
        assert.ok(i < 250, "the claim's lock is given back");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await other.end();
    }
    assert.equal(pull.holds(offered.id), false);
    // The signal's own node went out at its commit; the rolled-back one did not.
    assert.equal((await nextNode(queue)).id, s.id);
    assert.deepEqual(handedOut, { commit: before.commit + 1, claim: before.claim });
    await queue.return?.();
  });

  it("keeps what went out at commit when something after the commit fails", async () => {
    // A client of its own: nothing left waiting by the tests above.
    const own: Caller = { kind: "client", clientId: (await engine.createClient({ name: "after-commit" })).client.id };
    const queue = await pull.subscribe(own.clientId, 2);
    await pull.handedOut();
    const workflow = await engine.createWorkflow(own, { name: "w-dispatch-fails", subject: {} });
    const s = await engine.signalWorkflow(own, workflow.id, { name: "dispatch-fails" });
    assert.equal((await nextNode(queue)).id, s.id);
    const sent = { ...s, id: randomUUID() };
    // It commits, then handing its outbound calls to the dispatcher throws.
    const failing = {
      ...engine.context,
      dispatch: () => {
        throw new Error("dispatch failed");
      },
    };
    await assert.rejects(
      inTransaction(failing, async (t) => {
        t.sentToPull.add(sent, workflow);
        t.outbound.push({} as (typeof t.outbound)[number]);
      }),
      /dispatch failed/,
    );
    assert.equal((await nextNode(queue)).id, sent.id);
    await pull.handedOut();
    assert.ok(pull.holds(sent.id));
    // Its claim's lock is still held: no other session can take the node.
    const other = new pg.Client(db.url);
    await other.connect();
    try {
      const { rows } = await other.query<{ locked: boolean }>(TRY_CLAIM_LOCK, [sent.id, String(sent.attempt)]);
      assert.equal(rows[0]!.locked, false);
    } finally {
      await other.end();
    }
    await engine.reportNodeStatus(own, s.id, "deciding_complete");
    await queue.return?.();
  });
});
