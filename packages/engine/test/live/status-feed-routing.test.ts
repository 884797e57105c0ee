// The feed reads only what routes a change (node, status, client) while its only listener is the
// pull dispatcher; once a nodeEvents subscriber listens too, it reads full rows again, for both.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { createEngine, type Engine } from "../../src/index.ts";
import { StatusFeed } from "../../src/live/status-feed.ts";

/** The next `n` items of `events`, or a failure after 10 s. */
async function take<T>(events: AsyncIterator<T>, n: number, what = ""): Promise<T[]> {
  const items: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: only ${items.length} of ${n} changes within 10 s`)), 10_000);
  });
  try {
    while (items.length < n) {
      const next = await Promise.race([events.next(), timeout]);
      if (next.done) throw new Error("the feed ended");
      items.push(next.value);
    }
    return items;
  } finally {
    clearTimeout(timer);
  }
}

describe("StatusFeed routing rows", () => {
  let db: TestDatabase;
  let engine: Engine;
  let feed: StatusFeed;
  let caller: { kind: "client"; clientId: string };
  const newWorkflow = async () => (await engine.createWorkflow(caller, { name: `w${++count}`, subject: count })).id;
  let count = 0;
  before(async () => {
    db = await createTestDatabase();
    engine = createEngine({ databaseUrl: db.url, poolSize: 4 });
    const { client } = await engine.createClient({ name: "c" });
    caller = { kind: "client", clientId: client.id };
    feed = new StatusFeed(engine.sql, db.url);
  });
  after(async () => {
    await feed.close();
    await engine.close();
    await db.drop();
  });

  it("gives a lone routing listener thin rows, and full rows to a full listener that joins", async () => {
    const routing = await feed.subscribeRouting();
    const first = await engine.signalWorkflow(caller, await newWorkflow(), { name: "a" });
    // A pulled signal's pass: server ready → started → sent_to_client, client ready → received.
    const thin = await take(routing, 3, "routing alone");
    for (const row of thin) {
      assert.equal(row.nodeId, first.id);
      assert.equal(row.clientId, caller.clientId);
      assert.equal("createdAt" in row, false, "a routing read carries no time");
      assert.equal("response" in row, false, "a routing read carries no response");
    }
    assert.deepEqual(
      thin.map((r) => `${r.statusType}:${r.toStatus}`).filter((s) => s === "client:received"),
      ["client:received"],
    );

    const full = await feed.subscribe({ scope: { clientId: null }, workflowId: null }, null);
    // Another workflow's: a workflow's second signal waits for its first.
    const workflowId = await newWorkflow();
    const second = await engine.signalWorkflow(caller, workflowId, { name: "b" });
    const [fullRows, routed] = await Promise.all([take(full, 3, "full"), take(routing, 3, "routing with full")]);
    for (const row of fullRows) {
      assert.equal(row.nodeId, second.id);
      assert.ok(row.createdAt instanceof Date);
      assert.equal(row.workflowId, workflowId);
    }
    assert.deepEqual(
      routed.map((r) => r.id),
      fullRows.map((r) => r.id),
    );
  });
});
