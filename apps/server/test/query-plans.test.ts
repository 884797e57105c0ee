// The operator dashboard's queries must not read every unfinished node (on 1M nodes, many): each has
// a partial index that holds just its rows, in its order (auto_explain shows the plan that ran).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findOldestStuckNodes, listBulkCandidates, type Sql } from "@backbeat/db";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import pg from "pg";

describe("query plans of the operator queries", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let conn: pg.PoolClient;
  const plans: string[] = [];
  before(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    conn = await pool.connect();
    conn.on("notice", (n) => plans.push(n.message ?? ""));
    await conn.query(`LOAD 'auto_explain'`);
    await conn.query(`SET auto_explain.log_min_duration = 0`);
    await conn.query(`SET auto_explain.log_level = notice`);
    await conn.query(`SET client_min_messages = notice`);
    await conn.query(`SET enable_seqscan = off`);
  });
  after(async () => {
    conn.release();
    await pool.end();
    await database.drop();
  });

  async function planOf(run: (db: Sql) => Promise<unknown>): Promise<string> {
    plans.length = 0;
    await run(conn);
    const plan = plans.join("\n");
    assert.match(plan, /Plan:|Scan/, "auto_explain reported the plan");
    return plan;
  }

  it("overview's oldest stuck nodes", async () => {
    const plan = await planOf((db) => findOldestStuckNodes(db, new Date(), 20));
    assert.match(plan, /Index Scan using nodes_unfinished_updated_at_idx/, plan);
    assert.doesNotMatch(plan, /Sort Key/, plan);
  });

  it("bulk preview and action: count and list of failed nodes, in one statement", async () => {
    const list = await planOf((db) => listBulkCandidates(db, { clientId: null }, {}, 1000));
    assert.match(list, /Index Scan using nodes_failed_seq_idx/, list);
    assert.doesNotMatch(list, /Sort Key/, list);
  });
});
