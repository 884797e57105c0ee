// `pnpm bench:engine`: the engine alone, in-process (no server, API or SDK; `pnpm bench` measures those).
// Benchmark (not a test): one signal whose decision adds N non-blocking children, run by a local
// HTTP client that completes each node as soon as it arrives. Prints throughput from the signal to
// the signal's COMPLETE, and dispatch latency (node due → client received).
//
//   pnpm bench:engine             # embedded PostgreSQL, fsync on (the default server settings)
//   pnpm bench:engine --children 2000 --runs 3 --warmup 1 --fsync off
//   DATABASE_URL=postgresql://… pnpm bench:engine
import { parseArgs } from "node:util";
import pg from "pg";
import { applyMigrations, startEmbeddedPostgres } from "@backbeat/db";
import { freePort } from "@backbeat/db/testing";
import { createEngine, type Caller } from "@backbeat/engine";
import { FakeClient } from "@backbeat/engine/testing";

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    children: { type: "string", default: "1000" },
    runs: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    fsync: { type: "string", default: "on" },
    sequential: { type: "string", default: "200" },
  },
});
const CHILDREN = Number(args.children);
const RUNS = Number(args.runs);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

let databaseUrl = process.env.DATABASE_URL;
let stopDb = async () => {};
if (!databaseUrl) {
  const db = await startEmbeddedPostgres({
    dataDir: `/tmp/backbeat-bench-pg-${process.pid}`,
    port: await freePort(),
    database: "bench",
    ephemeral: true,
    fsync: args.fsync !== "off",
  });
  databaseUrl = db.url;
  stopDb = db.stop;
}
await applyMigrations(databaseUrl);

const engine = createEngine({ databaseUrl, poolSize: 16 });
const fake = await new FakeClient().start();
const { client } = await engine.createClient({
  name: `bench-${Date.now()}`,
  activityEndpoint: `${fake.baseUrl}/activity`,
  notificationEndpoint: `${fake.baseUrl}/notifications`,
});
fake.secret = client.signingSecret;
const caller: Caller = { kind: "client", clientId: client.id };

// The client: a decision adds the children and completes; an activity completes at once (after
// answering, as a client that runs work asynchronously would).
const received = new Map<string, number>(); // node id → wall-clock ms when the client got it
let fanout = CHILDREN;
fake.respond = (req) => {
  const node = (req.body.activity ?? req.body.decision) as { id: string; name: string };
  received.set(node.id, Date.now());
  setImmediate(() => {
    void (async () => {
      if (node.name === "fanout") {
        const children = Array.from({ length: fanout }, (_, i) => ({ name: `child-${i}`, mode: "non_blocking" }));
        if (children.length) await engine.addChildren(caller, node.id, children);
      }
      await engine.reportNodeStatus(caller, node.id, "completed");
    })().catch((e: unknown) => console.error("client error", e));
  });
  return 200;
};

const listener = new pg.Client({ connectionString: databaseUrl });
await listener.connect();

async function waitComplete(nodeId: string): Promise<void> {
  for (;;) {
    const r = await listener.query<{ server_status: string }>("SELECT server_status FROM nodes WHERE id = $1", [
      nodeId,
    ]);
    if (r.rows[0]?.server_status === "complete") return;
    await new Promise((res) => setTimeout(res, 5)); // light polling: the benchmark, not the engine, pays for it
  }
}

/** Due = when the node became ready to start (made ready, or created ready as a signal), or its firesAt if later. */
async function dispatchLatencies(nodeIds: string[]): Promise<number[]> {
  const r = await listener.query<{ id: string; due: Date }>(
    `SELECT n.id::text AS id, GREATEST(n.fires_at, COALESCE(min(s.created_at), n.created_at)) AS due
     FROM nodes n LEFT JOIN status_changes s ON s.node_id = n.id AND s.to_status = 'ready' AND s.status_type = 'server'
     WHERE n.id = ANY($1::uuid[]) GROUP BY n.id`,
    [nodeIds],
  );
  return r.rows.map((row) => received.get(row.id)! - row.due.getTime()).sort((a, b) => a - b);
}

await engine.scheduler.start();
const workflow = await engine.createWorkflow(caller, { name: "bench", subject: { run: Date.now() } });

console.log(
  `Backbeat fan-out benchmark: ${CHILDREN} non-blocking children, ${RUNS} runs, fsync ${args.fsync}, ${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL"}`,
);
const WARMUP = Number(args.warmup);
const rates: number[] = [];
for (let run = 1 - WARMUP; run <= RUNS; run++) {
  received.clear();
  const t0 = performance.now();
  const signal = await engine.signalWorkflow(caller, workflow.id, { name: "fanout" });
  await waitComplete(signal.id);
  const seconds = (performance.now() - t0) / 1000;
  const children = await listener.query<{ id: string }>("SELECT id::text FROM nodes WHERE parent_id = $1", [signal.id]);
  const lat = await dispatchLatencies(children.rows.map((c) => c.id));
  if (run >= 1) rates.push((CHILDREN + 1) / seconds);
  console.log(
    `${run < 1 ? "warm-up" : `run ${run}`}: ${CHILDREN + 1} nodes in ${seconds.toFixed(2)} s = ${Math.round((CHILDREN + 1) / seconds)} nodes/s; ` +
      `burst dispatch latency p50 ${fmt(percentile(lat, 50))}, p99 ${fmt(percentile(lat, 99))}`,
  );
}

rates.sort((a, b) => a - b);
console.log(
  `median throughput: ${Math.round(percentile(rates, 50))} nodes/s (min ${Math.round(rates[0]!)}, max ${Math.round(rates.at(-1)!)})`,
);

// Dispatch latency of a node that becomes due on an otherwise idle engine: signals one at a time.
fanout = 0;
const single: number[] = [];
for (let i = 0; i < Number(args.sequential); i++) {
  const s = await engine.signalWorkflow(caller, workflow.id, { name: "single" });
  await waitComplete(s.id);
  single.push(...(await dispatchLatencies([s.id])));
}
single.sort((a, b) => a - b);
console.log(
  `idle-engine dispatch latency over ${single.length} signals: p50 ${fmt(percentile(single, 50))}, p99 ${fmt(percentile(single, 99))}`,
);

await listener.end();
await engine.close();
await fake.stop();
await stopDb();
process.exit(0);
