// A feed stopped while it is still starting (a begin() that finishes after stop() or close()) must not
// leave its poll timer or its LISTEN connection behind: the timer kept a test process alive for
// ten minutes (nodes-to-run.test.ts), and in a server it would read forever for nobody.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createSqlPool, STATUS_CHANNEL } from "@backbeat/db";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import type pg from "pg";
import { StatusFeed } from "../../src/live/status-feed.ts";

describe("StatusFeed stopped while starting", () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  before(async () => {
    db = await createTestDatabase();
    pool = createSqlPool(db.url, 2);
  });
  after(async () => {
    await pool.end();
    await db.drop();
  });

  const listeners = async () =>
    (
      await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
        [`LISTEN ${STATUS_CHANNEL}`],
      )
    ).rows[0]!.n;

  it("close() during start leaves no timer and no LISTEN connection", async () => {
    const feed = new StatusFeed(pool, db.url, { pollMs: 60_000, positionWaitMs: 100 });
    const position = feed.position().catch(() => null);
    await feed.close();
    await position;
    assert.equal(Reflect.get(feed, "timer"), null, "the poll timer outlived close()");
    assert.equal(await listeners(), 0, "a LISTEN connection outlived close()");
  });
});
