// The statements that change many nodes found by key (a pass's send, a batch of reports, the lock
// read before them) must cost each node a lookup by key, whatever the planner guesses. Its
// statistics are always stale for statuses: a fan-out adds 1,000 ready, then sent, then unfinished
// nodes between two ANALYZEs. A join with the per-node values let it loop over them once per node
// (a 1,000-child send: 1,000 × 1,000 rows), and status conditions let it scan a partial index it
// believed empty (nodes_deadline_idx, the "unfinished" ones) instead: a 20-node report read every
// unfinished node. auto_explain (with ANALYZE) shows the plan that ran, rows removed and loops included.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { NodeRecord } from "@backbeat/core";
import { completeLeaves, lockNodesForReport, markChildrenReady, sendNodes, type SqlTx } from "@backbeat/db";
import pg from "pg";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { newWorkflow, sentSignal } from "./support.ts";

const CHILDREN = 1000;
const BATCH = 20;

describe("bulk statements on 1,000 nodes, with the statistics of a finished fan-out", () => {
  let h: Harness;
  let pool: pg.Pool;
  let conn: pg.PoolClient;
  const plans: string[] = [];
  const children = Array.from({ length: CHILDREN }, (_, i) => ({ name: `c${i}`, mode: "non_blocking" as const }));

  /** A signal's children, added (pending): their ids. */
  async function fanOut(): Promise<{ parentId: string; ids: string[] }> {
    const s = await sentSignal(h, (await newWorkflow(h)).id);
    const kids = await h.engine.addChildren(h.caller, s.id, children);
    return { parentId: s.id, ids: kids.map((c) => c.id) };
  }

  async function runToCompletion(tx: SqlTx, parentId: string, ids: string[]): Promise<NodeRecord[]> {
    const now = h.clock.now();
    await markChildrenReady(tx, parentId, now);
    const sent = await sendNodes(
      tx,
      "ready",
      ids.map((id) => ({ id, completeBy: now })),
      now,
    );
    return completeLeaves(
      tx,
      sent.map((node) => ({ node, outcome: "complete", response: {}, actor: "client" })),
      now,
    );
  }

  before(async () => {
    h = await createHarness();
    pool = new pg.Pool({ connectionString: h.database.url, max: 2 });
    // A fan-out that ran and finished, and the statistics VACUUM ANALYZE took then: nothing unfinished.
    // On another connection: this one's statements must be planned under auto_explain.
    const done = await fanOut();
    const other = await pool.connect();
    assert.equal((await runToCompletion(other, done.parentId, done.ids)).length, CHILDREN);
    await other.query("VACUUM ANALYZE nodes");
    other.release(true);
    conn = await pool.connect();
    conn.on("notice", (n) => plans.push(n.message ?? ""));
  });
  after(async () => {
    conn.release();
    await pool.end();
    await h.close();
  });

  async function planOf(run: (tx: SqlTx) => Promise<unknown>): Promise<string> {
    plans.length = 0;
    await run(conn);
    await conn.query("SELECT 1"); // a long plan's notice can come after its statement's answer: this one follows it
    const plan = plans.join("\n");
    assert.match(
      plan,
      /actual time/,
      `auto_explain reported the plan with ANALYZE: ${plans.length} ${plan.slice(0, 300)}`,
    );
    return plan;
  }

  // No step of the plan handles more than a few rows per node it is about: rows × loops, and the
  // rows a filter or a join discards.
  function assertLookupsByKey(plan: string, nodes: number) {
    for (const [, rows, loops] of plan.matchAll(/actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/g))
      assert.ok(Number(rows) * Number(loops) <= 10 * nodes, plan);
    for (const [, removed] of plan.matchAll(/Rows Removed by (?:Join )?Filter: (\d+)/g))
      assert.ok(Number(removed) <= 10 * nodes, plan);
  }

  it("a pass's send of its ready children, a lock read and a report of a few, then of all", async () => {
    const { parentId, ids } = await fanOut();
    const now = h.clock.now();
    await conn.query("BEGIN");
    try {
      await conn.query(`LOAD 'auto_explain'`);
      await conn.query(`SET LOCAL auto_explain.log_min_duration = 0`);
      await conn.query(`SET LOCAL auto_explain.log_analyze = on`);
      await conn.query(`SET LOCAL auto_explain.log_parameter_max_length = 0`);
      await conn.query(`SET LOCAL auto_explain.log_level = notice`);
      await conn.query(`SET LOCAL client_min_messages = notice`);

      assert.equal(await markChildrenReady(conn, parentId, now), CHILDREN);

      let sent: NodeRecord[] = [];
      const send = await planOf(async (tx) => {
        sent = await sendNodes(
          tx,
          "ready",
          ids.map((id) => ({ id, completeBy: now })),
          now,
        );
      });
      assert.equal(sent.length, CHILDREN);
      assertLookupsByKey(send, CHILDREN);

      const few = sent.slice(0, BATCH);
      const lock = await planOf(async (tx) => {
        assert.equal(
          (
            await lockNodesForReport(
              tx,
              few.map((n) => n.id),
            )
          ).size,
          BATCH,
        );
      });
      assertLookupsByKey(lock, BATCH);

      const reports = (nodes: NodeRecord[]) =>
        nodes.map((node) => ({ node, outcome: "complete" as const, response: { ok: 1 }, actor: "client" }));
      const report = await planOf(async (tx) => {
        assert.equal((await completeLeaves(tx, reports(few), now)).length, BATCH);
      });
      assertLookupsByKey(report, BATCH);

      const rest = sent.slice(BATCH);
      const all = await planOf(async (tx) => {
        assert.equal((await completeLeaves(tx, reports(rest), now)).length, rest.length);
      });
      assertLookupsByKey(all, rest.length);
    } finally {
      await conn.query("ROLLBACK");
    }
  });
});
