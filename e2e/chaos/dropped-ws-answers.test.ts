// Lost answers to the reports an SDK pull worker sends over its WebSocket: a proxy between the
// workers and a real server process lets each report through, then cuts the connection instead of
// passing on the answer (every third report, for the first dozens). The worker reconnects and sends
// again what got no answer; every workflow must complete, no node twice, every node run (at least once).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BackbeatClient, createPullWorker, type PullWorker } from "@backbeat/client";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import pg from "pg";
import { createPullClient, signalNewWorkflow } from "../src/api.ts";
import { killAllEngineProcesses, pollUntil } from "../src/cluster.ts";
import { startServerProcess, type ServerProcess } from "../src/server-process.ts";
import { says, sized } from "./support/mode.ts";
import { startWsCutProxy, type WsCutProxy } from "./support/ws-cut-proxy.ts";

const WORKFLOWS = sized(15, 60);
const CUTS = sized(8, 30);

describe("lost answers to reports over WebSocket", () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let proxy: WsCutProxy;
  let token: string;
  const workers: PullWorker[] = [];
  const runs = new Map<string, number>();
  const workerErrors: unknown[] = [];

  before(async () => {
    db = await createTestDatabase();
    server = await startServerProcess("ws-cut", db.url);
    token = (await createPullClient(server.url, "ws-cut puller")).token;
    proxy = await startWsCutProxy(server.url, (n) => n % 3 === 1 && n <= 3 * CUTS);
    for (let i = 0; i < 2; i++) {
      const worker = createPullWorker({
        url: proxy.url,
        token,
        client: new BackbeatClient({ url: server.url, token }),
        concurrency: 5,
        reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
        onError: (e) => workerErrors.push(e),
        handlers: {
          go: async (ctx) => {
            runs.set(ctx.node.id, (runs.get(ctx.node.id) ?? 0) + 1);
            await ctx.nonBlocking("step");
            return "went";
          },
          step: (ctx) => {
            runs.set(ctx.node.id, (runs.get(ctx.node.id) ?? 0) + 1);
            return "stepped";
          },
        },
      });
      worker.start();
      workers.push(worker);
    }
  });
  after(async () => {
    await Promise.all(workers.map((w) => Promise.race([w.stop(), new Promise((r) => setTimeout(r, 5000))])));
    await proxy?.close();
    await killAllEngineProcesses();
    await db?.drop();
  });

  it(`${WORKFLOWS} workflows, ${CUTS} report answers lost with their connection: all complete, none twice`, async () => {
    for (let i = 0; i < WORKFLOWS; i++) await signalNewWorkflow(server.url, token, `ws-cut-${i}`);
    const total = WORKFLOWS * 2;
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const state = async () =>
        (
          await c.query<{ all: number; open: number }>(
            `SELECT count(*)::int AS "all", count(*) FILTER (WHERE server_status <> 'complete')::int AS open FROM nodes`,
          )
        ).rows[0]!;
      const done = await pollUntil(async () => {
        const s = await state();
        return s.all === total && s.open === 0;
      }, 90_000);
      const doubled = (
        await c.query(
          `SELECT node_id FROM status_changes WHERE status_type = 'server' AND to_status = 'complete' GROUP BY node_id HAVING count(*) > 1`,
        )
      ).rowCount;
      const stuck = (
        await c.query(
          `SELECT server_status, client_status, count(*)::int AS n FROM nodes WHERE server_status <> 'complete' GROUP BY 1, 2`,
        )
      ).rows;
      const rerun = [...runs.values()].filter((n) => n > 1).length;
      says(
        `lost report answers over WebSocket: ${proxy.stats.answersCut} answers cut of ${proxy.stats.reportsSent} reports sent, ${proxy.stats.connections} connections; ${(await state()).all} nodes (expected ${total}), stuck ${JSON.stringify(stuck)}, ${doubled} completed twice, ${runs.size} nodes run, ${rerun} run again (at least once)`,
      );
      assert.ok(done, `every node complete: ${JSON.stringify(stuck)}`);
      assert.equal(doubled, 0, "no node completed twice");
      assert.equal(runs.size, total, "every node ran");
      assert.ok(proxy.stats.answersCut >= Math.min(CUTS, 3), `answers were cut (${proxy.stats.answersCut})`);
    } finally {
      await c.end();
    }
  });
});
