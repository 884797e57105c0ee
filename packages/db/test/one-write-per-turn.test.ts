// The statements a pooled connection is given in one turn of the event loop leave in one write to
// its socket (one-write-per-turn.ts), however many they are; each still gets its own answer.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type pg from "pg";
import { createSqlPool, query, sql } from "../src/index.ts";
import { createTestDatabase, type TestDatabase } from "../src/testing/index.ts";

type CountedStream = { _write: (...args: unknown[]) => void; _writev?: (...args: unknown[]) => void };

/** Counts the writes that reach the connection's socket (what the stream hands the system, corked or not). */
function countWrites(client: pg.PoolClient): { count: number } {
  const stream = (client as unknown as { connection: { stream: CountedStream } }).connection.stream;
  const counter = { count: 0 };
  for (const name of ["_write", "_writev"] as const) {
    const original = stream[name];
    if (!original) continue;
    stream[name] = (...args: unknown[]) => {
      counter.count++;
      original.apply(stream, args);
    };
  }
  return counter;
}

describe("one write per turn", () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  before(async () => {
    db = await createTestDatabase();
    pool = createSqlPool(db.url, 1);
  });
  after(async () => {
    await pool.end();
    await db.drop();
  });

  it("a transaction's statements sent in one turn go in one write, each answered on its own", async () => {
    const client = await pool.connect();
    try {
      const writes = countWrites(client);
      const begun = client.query("BEGIN");
      const answers = [1, 2, 3].map((n) => query<{ n: number }>(client, sql`SELECT ${n}::int AS n`));
      const failed = query(client, sql`SELECT 1 / ${0}::int AS never`);
      failed.catch(() => undefined);
      const committed = client.query("COMMIT");
      assert.equal(writes.count, 0, "nothing written before the turn ends");
      await begun;
      assert.deepEqual(
        (await Promise.all(answers)).map((rows) => rows[0]!.n),
        [1, 2, 3],
      );
      await assert.rejects(failed, /division by zero/);
      assert.equal((await committed).command, "ROLLBACK", "the failed statement still fails the transaction");
      assert.equal(writes.count, 1);
    } finally {
      client.release();
    }
  });

  it("statements of later turns go in writes of their own", async () => {
    const client = await pool.connect();
    try {
      const writes = countWrites(client);
      await query(client, sql`SELECT ${1}::int AS n`);
      await query(client, sql`SELECT ${2}::int AS n`);
      assert.equal(writes.count, 2);
    } finally {
      client.release();
    }
  });
});
