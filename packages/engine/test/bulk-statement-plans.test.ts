// The bulk statements that change many nodes (a pass's send, a batch of reports) must cost each node
// a lookup by key, whatever the planner guesses. Its statistics are always stale for a status (a
// thousand children go ready between two ANALYZEs), and a join with the per-node values let it loop
// over those values once per node: a 1,000-child send cost 1,000 × 1,000 comparisons (~125 ms).
// auto_explain (with ANALYZE) shows the plan that ran, rows removed and loops included.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { completeLeaves, markChildrenReady, sendNodes, type SqlTx } from "@backbeat/db";
import pg from "pg";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { newWorkflow, sentSignal } from "./support.ts";

const CHILDREN = 1000;

describe("bulk statements on 1,000 nodes", () => {
  let h: Harness;
  let pool: pg.Pool;
  let conn: pg.PoolClient;
  const plans: string[] = [];
  let ids: string[] = [];
  before(async () => {
    h = await createHarness();
    const children = Array.from({ length: CHILDREN }, (_, i) => ({ name: `c${i}`, mode: "non_blocking" as const }));
    // Another fan-out's children (left pending): a table of a benchmark's size, where it went wrong.
    const other = await sentSignal(h, (await newWorkflow(h)).id);
    await h.engine.addChildren(h.caller, other.id, children);
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    ids = (await h.engine.addChildren(h.caller, s.id, children)).map((c) => c.id);
    pool = new pg.Pool({ connectionString: h.database.url, max: 1 });
    conn = await pool.connect();
    // Statistics taken while every child is pending: as stale as they are in production.
    await conn.query("ANALYZE nodes");
    await conn.query("BEGIN");
    assert.equal(await markChildrenReady(conn, s.id, h.clock.now()), CHILDREN);
    conn.on("notice", (n) => plans.push(n.message ?? ""));
    await conn.query(`LOAD 'auto_explain'`);
    await conn.query(`SET LOCAL auto_explain.log_min_duration = 0`);
    await conn.query(`SET LOCAL auto_explain.log_analyze = on`);
    await conn.query(`SET LOCAL auto_explain.log_level = notice`);
    await conn.query(`SET LOCAL client_min_messages = notice`);
  });
  after(async () => {
    await conn.query("ROLLBACK");
    conn.release();
    await pool.end();
    await h.close();
  });

  async function planOf(run: (tx: SqlTx) => Promise<unknown>): Promise<string> {
    plans.length = 0;
    await run(conn);
    const plan = plans.join("\n");
    assert.match(plan, /actual time/, "auto_explain reported the plan with ANALYZE");
    return plan;
  }

  // No step of the plan handles more than a few rows per node: rows × loops, and rows a join discards.
  function assertLookupsByKey(plan: string) {
    for (const [, rows, loops] of plan.matchAll(/actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/g))
      assert.ok(Number(rows) * Number(loops) <= 10 * CHILDREN, plan);
    for (const [, removed] of plan.matchAll(/Rows Removed by Join Filter: (\d+)/g))
      assert.ok(Number(removed) <= 10 * CHILDREN, plan);
  }

  it("a pass's send of its ready children, then their reports", async () => {
    const now = h.clock.now();
    let sent: Awaited<ReturnType<typeof sendNodes>> = [];
    const send = await planOf(async (tx) => {
      sent = await sendNodes(
        tx,
        "ready",
        ids.map((id) => ({ id, completeBy: now })),
        now,
      );
    });
    assert.equal(sent.length, CHILDREN);
    assertLookupsByKey(send);

    const report = await planOf(async (tx) => {
      const done = await completeLeaves(
        tx,
        sent.map((node) => ({ node, outcome: "complete" as const, response: { ok: 1 }, actor: "client" })),
        now,
      );
      assert.equal(done.length, CHILDREN);
    });
    assertLookupsByKey(report);
  });
});
