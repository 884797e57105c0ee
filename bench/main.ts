// `pnpm bench`: what users get. The real server process (`backbeat start`) on PostgreSQL, SDK worker
// processes (pull, and push over HTTP), the scenarios of bench/README.md; with --peers, the same
// workloads on graphile-worker, pg-boss and BullMQ in the same sitting, interleaved run by run.
//
//   pnpm bench                          # Backbeat only, every scenario, 3 runs after a warm-up
//   pnpm bench --peers                  # beside graphile-worker, pg-boss, BullMQ (Redis: redis-server)
//   pnpm bench --scenario fanout-1k --runs 5
//   pnpm bench --smoke                  # tiny sizes, one run, no warm-up (CI): < 60 s
//   DATABASE_URL=postgresql://… pnpm bench   # that server instead of an embedded one
// Other flags: --fsync off, --concurrency N (worker slots, default 10), --json <file>, --top-sql.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startBenchPostgres } from "./src/infra/postgres.ts";
import { freePort } from "./src/infra/ports.ts";
import { stopAll } from "./src/infra/processes.ts";
import { startRedis, type BenchRedis } from "./src/infra/redis.ts";
import { table, type Figures, type ScenarioResult, type SystemResult } from "./src/report.ts";
import { fanoutScenario } from "./src/scenarios/fanout.ts";
import { latencyScenario } from "./src/scenarios/latency.ts";
import { measure, type RunResult } from "./src/scenarios/measure.ts";
import { mixScenario } from "./src/scenarios/mix.ts";
import { overloadScenario } from "./src/scenarios/overload.ts";
import type { Scenario } from "./src/scenarios/scenario.ts";
import { backbeatPull, backbeatPush } from "./src/systems/backbeat.ts";
import { bullmq } from "./src/systems/bullmq.ts";
import { graphileBatched, graphileDefault } from "./src/systems/graphile.ts";
import { pgBoss } from "./src/systems/pgboss.ts";
import type { Infra, System, SystemFactory } from "./src/systems/system.ts";

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    peers: { type: "boolean", default: false },
    smoke: { type: "boolean", default: false },
    runs: { type: "string" },
    scenario: { type: "string", multiple: true },
    fsync: { type: "string", default: "on" },
    concurrency: { type: "string", default: "10" },
    json: { type: "string" },
    "top-sql": { type: "boolean", default: false },
    system: { type: "string", multiple: true },
  },
});
const smoke = args.smoke;
const runs = Number(args.runs ?? (smoke ? 1 : 3));
const warmUps = smoke ? 0 : 1;

const SCENARIOS: Scenario[] = smoke
  ? [
      fanoutScenario("fanout-1k", 50, 50, false),
      fanoutScenario("fanout-10k", 200, 50, false),
      latencyScenario(10, 3),
      mixScenario(3, 2, 3, 4),
      mixScenario(3, 2, 3, 4, 1),
      overloadScenario(2, 1, 4),
    ]
  : [
      fanoutScenario("fanout-1k", 1_000, 1_000, true),
      // Warmed up with 1,000 children: a warm-up is for the JIT and the caches, not for its figures.
      fanoutScenario("fanout-10k", 10_000, 1_000, false),
      latencyScenario(200, 50),
      mixScenario(60, 15, 5, 20),
      mixScenario(60, 15, 5, 20, 1),
      overloadScenario(60, 10, 20),
    ];
// In the order given.
const chosen = args.scenario?.length
  ? args.scenario.map((name) => SCENARIOS.find((s) => s.name === name)).filter((s) => s !== undefined)
  : SCENARIOS;
if (chosen.length === 0 || chosen.length !== (args.scenario?.length ?? chosen.length)) {
  console.error(`--scenario: one of ${SCENARIOS.map((s) => s.name).join(", ")}`);
  process.exit(2);
}
// --system narrows the sitting to the systems whose name contains one of its values (e.g. "pull").
const factories: SystemFactory[] = [
  backbeatPull,
  backbeatPush,
  ...(args.peers ? [graphileDefault, graphileBatched, pgBoss, bullmq] : []),
].filter((f) => !args.system || args.system.some((s) => f.name.includes(s)));

const say = (line: string) => process.stdout.write(`${line}\n`);
let stopping = false;
let cleanup = async () => {};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping every process the benchmark started…`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function resolveRun(r: RunResult): Promise<Figures> {
  const perK = (v: number | null) => (v === null ? null : (v / r.nodes) * 1000);
  return {
    throughput: r.throughput,
    seconds: r.seconds,
    nodes: r.nodes,
    dispatchP50: r.dispatchP50,
    dispatchP99: r.dispatchP99,
    statementsPerNode: r.statementsPerNode,
    transactionsPerNode: await r.transactionsPerNode,
    serverCpuPerK: perK(r.serverCpu),
    workerCpuPerK: perK(r.workerCpu)!,
    postgresCpuPerK: perK(r.postgresCpu),
    serverRssMb: r.serverRssMb,
    workerRssMb: r.workerRssMb,
  };
}

/** Deployments (servers + workers) by system and shape: scenarios of the same shape share them. */
const deployments = new Map<string, System>();
const deploymentKey = (factory: SystemFactory, scenario: Scenario) =>
  `${factory.name}@${scenario.shape.servers}x${scenario.shape.workers}`;

async function runScenario(scenario: Scenario, later: Scenario[], infra: Infra, redis: BenchRedis | null) {
  say(`\n== ${scenario.title}`);
  const results: SystemResult[] = [];
  type Entry = { key: string; system: System; result: SystemResult; pending: Promise<Figures>[] };
  const live: Entry[] = [];
  const everyone: Entry[] = [];
  for (const factory of factories.filter((f) => scenario.includes(f.name))) {
    const result: SystemResult = { system: factory.name, kind: factory.kind, runs: [] };
    results.push(result);
    const why = factory.unavailable(infra);
    if (why) {
      result.failure = `skipped: ${why}`;
      say(`${factory.name}: ${result.failure}`);
      continue;
    }
    const key = deploymentKey(factory, scenario);
    try {
      let system = deployments.get(key);
      if (!system) {
        const t0 = Date.now();
        system = await factory.start(infra, scenario.shape);
        deployments.set(key, system);
        say(
          `${factory.name}: started ${system.serverPids().length ? `${system.serverPids().length} server(s), ` : ""}${system.workers.processes.length} worker process(es) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
        );
      }
      live.push({ key, system, result, pending: [] });
      everyone.push(live.at(-1)!);
    } catch (error) {
      result.failure = `did not start: ${messageOf(error)}`;
      say(`${factory.name}: ${result.failure}`);
    }
  }
  const ctx = { postgres: infra.postgres, settleMs: smoke ? 0 : 11_000, redisPid: redis?.process.pid ?? null };
  // Interleaved: run i of every system, then run i + 1, so that the machine's noise falls on all alike.
  for (let run = 1 - warmUps; run <= runs && !stopping; run++) {
    for (const entry of [...live]) {
      const label = run < 1 ? "warm-up" : `run ${run}/${runs}`;
      try {
        const key = `${scenario.name}-${run}-${Date.now()}`;
        const r = await measure(entry.system, ctx, () => scenario.run(entry.system, key, run < 1));
        say(
          `${entry.system.name.padEnd(24)} ${label.padEnd(9)} ${r.throughput.toFixed(0).padStart(6)} ${scenario.unit}` +
            `  ${r.nodes} nodes in ${r.seconds.toFixed(2)} s  dispatch p50 ${r.dispatchP50?.toFixed(1) ?? "–"} ms p99 ${r.dispatchP99?.toFixed(1) ?? "–"} ms` +
            `  ${r.statementsPerNode?.toFixed(1) ?? "–"} SQL/node`,
        );
        if (run >= 1) entry.pending.push(resolveRun(r));
        if (args["top-sql"] && entry.system.database && run === runs) {
          for (const s of await infra.postgres.topStatements(entry.system.database, 12)) {
            const ms = `${s.totalMs.toFixed(0)} ms`.padStart(9);
            say(`    ${String(s.calls).padStart(7)} ${ms}  ${s.query.replace(/\s+/g, " ").slice(0, 150)}`);
          }
        }
      } catch (error) {
        entry.result.failure = `FAILED (${label}): ${messageOf(error)}`;
        say(`${entry.system.name}: ${entry.result.failure}`);
        live.splice(live.indexOf(entry), 1);
        deployments.delete(entry.key);
        await entry.system.stop().catch(() => {});
      }
    }
  }
  // A failed system keeps the runs it completed (the JSON has them; the table shows the failure).
  for (const entry of everyone) entry.result.runs = await Promise.all(entry.pending);
  // Stop the deployments no later scenario uses.
  for (const factory of factories) {
    const key = deploymentKey(factory, scenario);
    const system = deployments.get(key);
    if (system && !later.some((s) => s.includes(factory.name) && deploymentKey(factory, s) === key)) {
      deployments.delete(key);
      await system.stop();
    }
  }
  const result = {
    scenario: scenario.name,
    title: scenario.title,
    unit: scenario.unit,
    dispatch: scenario.dispatch,
    systems: results,
  };
  say(`\n${table(result)}`);
  return result;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<number> {
  const started = Date.now();
  const postgres = await startBenchPostgres({
    fsync: args.fsync !== "off",
    port: await freePort(),
    dataDir: `/tmp/backbeat-bench-pg-${process.pid}`,
  });
  let redis: BenchRedis | null = null;
  cleanup = async () => {
    await stopAll(5_000);
    await redis?.stop().catch(() => {});
    await postgres.stop().catch(() => {});
  };
  try {
    if (args.peers) {
      redis = await startRedis();
      if (!redis) say("redis-server is not installed: BullMQ is skipped (apt-get install redis-server)");
    }
    const infra: Infra = { postgres, redis, concurrency: Number(args.concurrency) };
    say(
      `Backbeat benchmark${args.peers ? " beside its peers" : ""}: ${postgres.description}, ` +
        `worker concurrency ${infra.concurrency}, ${runs} run(s)${warmUps ? " after a warm-up" : ""}` +
        `${postgres.hasStatements ? "" : "; pg_stat_statements unavailable: no statement counts"}`,
    );
    const results: ScenarioResult[] = [];
    for (const [i, scenario] of chosen.entries()) {
      if (stopping) break;
      results.push(await runScenario(scenario, chosen.slice(i + 1), infra, redis));
    }
    if (args.json)
      writeFileSync(args.json, JSON.stringify({ date: new Date().toISOString(), smoke, runs, results }, null, 2));
    say(`\ndone in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return results.some((r) => r.systems.some((s) => s.kind === "backbeat" && s.failure)) ? 1 : 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    void cleanup().finally(() => process.exit(1));
  },
);
