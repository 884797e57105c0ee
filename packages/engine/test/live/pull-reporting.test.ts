// A report that ends a pulled node's claim frees its slot while the report commits
// (PullDispatcher.reporting): the next waiting node goes out beside the report, not after it. A
// report that fails leaves its node held, and the subscription takes no more until it has room.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { NodeRecord } from "@backbeat/core";
import { findNode } from "@backbeat/db";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import type { Caller } from "../../src/caller.ts";
import { createEngine, type Engine } from "../../src/index.ts";
import { PullDispatcher } from "../../src/live/pull-dispatcher.ts";
import { StatusFeed } from "../../src/live/status-feed.ts";
import { nextNode } from "./pull-support.ts";

describe("pull slots freed by reports", () => {
  let db: TestDatabase;
  let engine: Engine;
  let feed: StatusFeed;
  let pull: PullDispatcher;
  before(async () => {
    db = await createTestDatabase();
    engine = createEngine({ databaseUrl: db.url, poolSize: 4 });
    // No poll and no sweep within a test: what arrives comes from the hand-off, NOTIFY or a report.
    feed = new StatusFeed(engine.sql, db.url, { pollMs: 600_000 });
    pull = new PullDispatcher(engine.sql, db.url, feed, { pollMs: 600_000, handOff: engine.context.pullHandOff });
  });
  after(async () => {
    await pull.close();
    await feed.close();
    await engine.close();
    await db.drop();
  });

  /** A client of its own, subscribed with one slot and no prefetch. */
  const subscribed = async (name: string) => {
    const clientId = (await engine.createClient({ name })).client.id;
    const caller: Caller = { kind: "client", clientId };
    const queue = await pull.subscribe(clientId, 1);
    await pull.handedOut();
    const signal = async (subject: string) => {
      const workflow = await engine.createWorkflow(caller, { name: "w", subject: { subject } });
      return engine.signalWorkflow(caller, workflow.id, { name: subject });
    };
    const complete = (node: { id: string }) =>
      pull.reporting(
        [node.id],
        () => engine.reportNodeStatus(caller, node.id, "deciding_complete"),
        (n: NodeRecord) => [n],
      );
    return { caller, queue, signal, complete };
  };

  it("hands out the node for the slot a report ends while the report commits", async () => {
    const { caller, queue, signal, complete } = await subscribed("reporting-frees");
    const a = await signal("a");
    assert.equal((await nextNode(queue)).id, a.id);
    const b = await signal("b");
    await pull.handedOut();
    assert.equal(pull.holds(b.id), false, "no slot for b while a runs");

    let reportA!: () => void;
    const reportMayCommit = new Promise<void>((resolve) => (reportA = resolve));
    const reporting = pull.reporting(
      [a.id],
      async () => {
        await reportMayCommit;
        return engine.reportNodeStatus(caller, a.id, "deciding_complete");
      },
      (n: NodeRecord) => [n],
    );
    // b goes out before a's report is even applied.
    assert.equal((await nextNode(queue)).id, b.id);
    assert.equal((await findNode(engine.sql, a.id))?.clientStatus, "received");
    reportA();
    assert.equal((await reporting).clientStatus, "complete");
    assert.equal(pull.holds(a.id), false);
    assert.equal(pull.holds(b.id), true);

    // The slot is b's now: c waits until b's report.
    const c = await signal("c");
    await pull.handedOut();
    assert.equal(pull.holds(c.id), false);
    await complete(b);
    assert.equal((await nextNode(queue)).id, c.id);
    await complete(c);
    await queue.return?.();
  });

  it("keeps the node of a report that failed, and hands out no more until there is room", async () => {
    const { queue, signal, complete } = await subscribed("reporting-fails");
    const a = await signal("a");
    assert.equal((await nextNode(queue)).id, a.id);
    const b = await signal("b");
    await pull.handedOut();

    // The report fails after b went out for its slot.
    await assert.rejects(
      pull.reporting(
        [a.id],
        async () => {
          assert.equal((await nextNode(queue)).id, b.id);
          throw new Error("the database went away");
        },
        (n: NodeRecord) => [n],
      ),
      /went away/,
    );
    assert.equal(pull.holds(a.id), true, "a is still held: its report did not apply");
    assert.equal(pull.holds(b.id), true);

    // Two held on one slot: c waits for both.
    const c = await signal("c");
    await pull.handedOut();
    assert.equal(pull.holds(c.id), false);
    await complete(a);
    await pull.handedOut();
    assert.equal(pull.holds(c.id), false, "b still takes the only slot");
    await complete(b);
    assert.equal((await nextNode(queue)).id, c.id);
    await complete(c);
    await queue.return?.();
  });
});
