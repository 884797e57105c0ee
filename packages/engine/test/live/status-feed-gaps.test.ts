// The feed's gap rule with transactions committing out of order: an id missing at one position is
// skipped only once every transaction running when it was first seen there has ended. Regression:
// a gap seen (and filled) at a lower position must not vouch for a later one in the same read.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createSqlPool } from "@backbeat/db";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { createEngine, type Engine } from "../../src/index.ts";
import type pg from "pg";
import { StatusFeed } from "../../src/live/status-feed.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("StatusFeed gaps", () => {
  let db: TestDatabase;
  let engine: Engine;
  let pool: pg.Pool;
  let feed: StatusFeed;
  let node: { id: string; workflowId: string };
  before(async () => {
    db = await createTestDatabase();
    engine = createEngine({ databaseUrl: db.url, poolSize: 4 });
    const { client } = await engine.createClient({ name: "c", activityEndpoint: "http://127.0.0.1:9/a" });
    const caller = { kind: "client" as const, clientId: client.id };
    const w = await engine.createWorkflow(caller, { name: "w", subject: 1 });
    node = await engine.signalWorkflow(caller, w.id, { name: "s" });
    pool = createSqlPool(db.url, 6);
    // Raw inserts send no NOTIFY: a fast poll drives the feed here.
    feed = new StatusFeed(engine.sql, db.url, { pollMs: 10, gapGraceMs: 0 });
  });
  after(async () => {
    await feed.close();
    await pool.end();
    await engine.close();
    await db.drop();
  });

  it("does not skip an id whose transaction began after an earlier gap was seen", async () => {
    const events = await feed.subscribe({ scope: { clientId: null }, workflowId: null }, null);
    const seen: string[] = [];
    void (async () => {
      for await (const e of events) seen.push(e.id.toString());
    })();
    const insert = (c: pg.Pool | pg.PoolClient) =>
      c
        .query<{ id: string }>(
          `INSERT INTO status_changes (node_id, workflow_id, status_type, from_status, to_status, created_at)
           VALUES ($1, $2, 'server', 'ready', 'started', now()) RETURNING id::text AS id`,
          [node.id, node.workflowId],
        )
        .then((r) => r.rows[0]!.id);
    const [c1, c3] = [await pool.connect(), await pool.connect()];
    try {
      await c1.query("BEGIN");
      const id1 = await insert(c1); // held open: a gap
      const id2 = await insert(pool); // committed above the gap
      await sleep(100); // the feed sees the gap at id1 - 1
      await c3.query("BEGIN");
      const id3 = await insert(c3); // a new transaction (a later xid), held open
      const id4 = await insert(pool);
      await c1.query("COMMIT"); // the first gap fills; the one at id3 must still wait for c3
      await sleep(150);
      assert.ok(!seen.includes(id4), `delivered ${id4} while ${id3} was still running: ${seen.join(",")}`);
      await c3.query("COMMIT");
      await sleep(150);
      assert.deepEqual(seen.slice(-4), [id1, id2, id3, id4]);
    } finally {
      c1.release();
      c3.release();
    }
  });
});
