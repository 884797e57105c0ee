// Sustained load on a real server process (full form only: `pnpm chaos`): signals at a steady pace for
// BACKBEAT_CHAOS_LOAD_S seconds (60) to SDK pull workers, each handler adding a child; the server's
// resident memory is sampled all along and must stay flat after warm-up; every workflow completes,
// no node twice.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BackbeatClient, createPullWorker, type PullWorker } from "@backbeat/client";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import pg from "pg";
import { createPullClient } from "../src/api.ts";
import { killAllEngineProcesses, pollUntil } from "../src/cluster.ts";
import { startServerProcess, type ServerProcess } from "../src/server-process.ts";
import { FULL, says } from "./support/mode.ts";
import { rssMb } from "./support/rss.ts";

const SECONDS = Number(process.env.BACKBEAT_CHAOS_LOAD_S || 60);
const SIGNALLERS = 4;

describe("sustained load", { skip: FULL ? false : "full form only (pnpm chaos)" }, () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let token: string;
  const workers: PullWorker[] = [];
  const workerErrors: unknown[] = [];

  before(async () => {
    db = await createTestDatabase();
    server = await startServerProcess("load", db.url);
    token = (await createPullClient(server.url, "loader")).token;
    for (let i = 0; i < 2; i++) {
      const worker = createPullWorker({
        url: server.url,
        token,
        client: new BackbeatClient({ url: server.url, token }),
        concurrency: 10,
        onError: (e) => workerErrors.push(e),
        handlers: {
          go: async (ctx) => {
            await ctx.nonBlocking("step");
            return "went";
          },
          step: () => "stepped",
        },
      });
      worker.start();
      workers.push(worker);
    }
  });
  after(async () => {
    await Promise.all(workers.map((w) => Promise.race([w.stop(), new Promise((r) => setTimeout(r, 5000))])));
    await killAllEngineProcesses();
    await db?.drop();
  });

  it(`${SECONDS} s of signals: memory flat, every workflow complete, no node twice`, async () => {
    const sdk = new BackbeatClient({ url: server.url, token });
    const samples: { s: number; mb: number }[] = [];
    const began = performance.now();
    const elapsed = () => (performance.now() - began) / 1000;
    const sampler = setInterval(() => samples.push({ s: Math.round(elapsed()), mb: rssMb(server.child.pid!) }), 5000);
    let signalled = 0;
    try {
      await Promise.all(
        Array.from({ length: SIGNALLERS }, async (_, loop) => {
          for (let i = 0; elapsed() < SECONDS; i++) {
            await sdk.signal("load", { loop, i }, "go");
            signalled++;
          }
        }),
      );
    } finally {
      clearInterval(sampler);
    }
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const open = async () =>
        (await c.query(`SELECT count(*)::int AS n FROM nodes WHERE server_status <> 'complete'`)).rows[0].n as number;
      const drained = await pollUntil(async () => (await open()) === 0, 120_000, 500);
      const nodes = (await c.query(`SELECT count(*)::int AS n FROM nodes`)).rows[0].n as number;
      const doubled = (
        await c.query(
          `SELECT node_id FROM status_changes WHERE status_type = 'server' AND to_status = 'complete' GROUP BY node_id HAVING count(*) > 1`,
        )
      ).rowCount;
      const warm = samples.find((x) => x.s >= 15)?.mb ?? samples[0]!.mb;
      const end = samples.at(-1)!.mb;
      says(
        `sustained load: ${signalled} workflows in ${SECONDS} s (${(signalled / SECONDS).toFixed(1)}/s), ${nodes} nodes, ${await open()} open, ${doubled} completed twice; server RSS ${samples.map((x) => `${x.s}s:${x.mb}`).join(" ")} MB; worker errors ${workerErrors.length}`,
      );
      assert.ok(drained, "every workflow complete");
      assert.equal(nodes, signalled * 2);
      assert.equal(doubled, 0);
      assert.ok(end - warm < Math.max(64, warm * 0.5), `memory flat after warm-up: ${warm} MB → ${end} MB`);
    } finally {
      await c.end();
    }
  });
});
