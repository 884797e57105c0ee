// The feed's gap rule with transactions committing out of order: an id missing at one position is
// skipped only once every transaction running when it was first seen there has ended. Regression:
// a gap seen (and filled) at a lower position must not vouch for a later one in the same read.
// Rows committed past a gap are read once and held, not read again on every read while it lasts.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createSqlPool, STATUS_CHANNEL, type Sql } from "@backbeat/db";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { createEngine, type Engine } from "../../src/index.ts";
import type pg from "pg";
import { StatusFeed } from "../../src/live/status-feed.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, done: () => boolean, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(5);
  }
}

/** The engine's pool, counting the feed's reads and the audit rows they bring (the horizon row aside). */
function countingTailReads(sql: pg.Pool): { sql: Sql; reads: number; rows: number } {
  const counts = { sql: sql as Sql, reads: 0, rows: 0 };
  counts.sql = new Proxy(sql, {
    get(target, key) {
      if (key !== "query") {
        const value = Reflect.get(target, key) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return async (config: pg.QueryConfig) => {
        const result = await target.query(config);
        if (config.text.includes("pg_snapshot_xip") && config.text.includes("AS seq")) {
          counts.reads++;
          counts.rows += result.rows.filter((r: { seq: unknown }) => r.seq !== null).length;
        }
        return result;
      };
    },
  });
  return counts;
}

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
  const insert = (c: pg.Pool | pg.PoolClient) =>
    c
      .query<{ id: string }>(
        `INSERT INTO status_changes (node_id, workflow_id, status_type, from_status, to_status, created_at)
         VALUES ($1, $2, 'server', 'ready', 'started', now()) RETURNING id::text AS id`,
        [node.id, node.workflowId],
      )
      .then((r) => r.rows[0]!.id);
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
  it("reads the rows committed past a gap once, holds them, and delivers them in order when it fills", async () => {
    const counting = countingTailReads(engine.sql);
    const own = new StatusFeed(counting.sql, db.url, { pollMs: 10, gapGraceMs: 0, readGapMs: 0 });
    const routing = await own.subscribeRouting();
    const seen: string[] = [];
    void (async () => {
      for await (const e of routing) seen.push(e.id);
    })();
    const c1 = await pool.connect();
    try {
      await c1.query("BEGIN");
      const gap = await insert(c1); // held open
      const above: string[] = [];
      for (let i = 0; i < 20; i++) above.push(await insert(pool));
      await waitFor("the feed read the rows above the gap", () => counting.rows >= above.length);
      const { reads, rows } = counting;
      await waitFor("five more reads while the gap lasts", () => counting.reads >= reads + 5);
      assert.equal(counting.rows, rows, "rows held past the gap were read again");
      assert.deepEqual(seen, [], "nothing passes the gap while its transaction runs");
      await c1.query("COMMIT");
      await waitFor("the gap and the rows held past it delivered", () => seen.length >= above.length + 1);
      assert.deepEqual(seen, [gap, ...above]);
    } finally {
      c1.release();
      await own.close();
    }
  });

  it("a full subscriber that comes while rows are held gets them with full columns", async () => {
    const own = new StatusFeed(engine.sql, db.url, { pollMs: 10, gapGraceMs: 0, readGapMs: 0 });
    const routing = await own.subscribeRouting();
    const routed: string[] = [];
    void (async () => {
      for await (const e of routing) routed.push(e.id);
    })();
    const c1 = await pool.connect();
    try {
      await c1.query("BEGIN");
      const gap = await insert(c1);
      const held = await insert(pool);
      await waitFor("the routing feed holds the row past the gap", () => own["ahead"].size === 1);
      const events = await own.subscribe({ scope: { clientId: null }, workflowId: null }, null);
      const full: { id: string; fromStatus: string }[] = [];
      void (async () => {
        for await (const e of events) full.push({ id: e.id, fromStatus: e.fromStatus });
      })();
      await c1.query("COMMIT");
      await waitFor("both rows delivered to the full subscriber", () => full.length >= 2);
      assert.deepEqual(full, [
        { id: gap, fromStatus: "ready" },
        { id: held, fromStatus: "ready" },
      ]);
      await waitFor("both rows routed", () => routed.length >= 2);
      assert.deepEqual(routed, [gap, held]);
    } finally {
      c1.release();
      await own.close();
    }
  });

  it("skips a rolled-back id once its transaction has ended, and reads past a full window after", async () => {
    // No fast poll: the commits' NOTIFY (sent here, raw inserts send none) and the feed itself must
    // read the rows past the window, not a poll 30 s later.
    const own = new StatusFeed(engine.sql, db.url, { pollMs: 60_000, gapGraceMs: 0, readGapMs: 0, batch: 3 });
    const routing = await own.subscribeRouting();
    const seen: string[] = [];
    void (async () => {
      for await (const e of routing) seen.push(e.id);
    })();
    const c1 = await pool.connect();
    try {
      await c1.query("BEGIN");
      await insert(c1); // never commits
      const above: string[] = [];
      for (let i = 0; i < 7; i++) above.push(await insert(pool)); // more than one window of 3
      await pool.query(`SELECT pg_notify('${STATUS_CHANNEL}', '')`);
      await waitFor("the window is full", () => own["ahead"].size === 3);
      await c1.query("ROLLBACK");
      await waitFor("every committed row delivered", () => seen.length >= above.length);
      assert.deepEqual(seen, above);
    } finally {
      c1.release();
      await own.close();
    }
  });
});
