// The pull_workers rows behind Client.connectedWorkers, from the PullDispatcher's side: a row per
// open subscription, refreshed on the heartbeat while open, deleted when it ends and on close.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { countConnectedWorkers } from "@backbeat/db";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { createEngine, type Engine } from "../../src/index.ts";
import { PullDispatcher } from "../../src/live/pull-dispatcher.ts";
import { StatusFeed } from "../../src/live/status-feed.ts";

async function until(condition: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("PullDispatcher and pull_workers", () => {
  let db: TestDatabase;
  let engine: Engine;
  let feed: StatusFeed;
  let pull: PullDispatcher;
  let clientId: string;
  before(async () => {
    db = await createTestDatabase();
    engine = createEngine({ databaseUrl: db.url, poolSize: 4 });
    clientId = (await engine.createClient({ name: "puller" })).client.id;
    feed = new StatusFeed(engine.sql, db.url, { pollMs: 50 });
    pull = new PullDispatcher(engine.sql, db.url, feed, { heartbeatMs: 20 });
  });
  after(async () => {
    await pull.close();
    await feed.close();
    await engine.close();
    await db.drop();
  });

  const seenAges = async (): Promise<number[]> =>
    (
      await engine.sql.query<{ age: number }>(
        `SELECT extract(epoch FROM now() - seen_at)::float AS age FROM pull_workers WHERE client_id = $1`,
        [clientId],
      )
    ).rows.map((r) => r.age);

  it("inserts a row per subscription, refreshes it on the heartbeat, deletes it when the subscription ends", async () => {
    const a = await pull.subscribe(clientId, 1);
    const b = await pull.subscribe(clientId, 1);
    // The rows are written in the dispatcher's queue, right after subscribe returns.
    await until(async () => (await countConnectedWorkers(engine.sql, [clientId])).get(clientId) === 2);

    await engine.sql.query(`UPDATE pull_workers SET seen_at = now() - interval '25 seconds'`);
    await until(async () => (await seenAges()).every((age) => age < 5));

    await a.return?.();
    await until(async () => (await seenAges()).length === 1);
    assert.equal((await countConnectedWorkers(engine.sql, [clientId])).get(clientId), 1);
    void b;
  });

  it("close() deletes the rows of every open subscription", async () => {
    await pull.subscribe(clientId, 1);
    await until(async () => (await seenAges()).length >= 1);
    await pull.close();
    assert.deepEqual(await seenAges(), []);
  });
});
