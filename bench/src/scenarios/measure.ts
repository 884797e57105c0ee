// One measured run of a scenario on one system: what the scenario times (throughput, latencies),
// wrapped in what every run reports: statements and transactions per node, CPU of the server, the
// workers and PostgreSQL, peak RSS. A run that does not finish within its limit throws.
import type { BenchPostgres } from "../infra/postgres.ts";
import { sleep } from "../infra/ports.ts";
import { cpuSeconds, sampleRss, treeCpuSeconds } from "../infra/processes.ts";
import type { System } from "../systems/system.ts";

/** What a scenario's own code measures in a run. */
export type Timed = {
  seconds: number;
  /** The scenario's throughput (children/s, nodes/s). */
  throughput: number;
  /** Signal → handler start, when the scenario measures it (ms); otherwise slot waits are used. */
  dispatchMs?: number[];
  /** Nodes the scenario expects to have run (checked against the workers' count), if known. */
  expectedNodes?: number;
};

export type RunResult = {
  seconds: number;
  throughput: number;
  /** Handler starts in the run, over all workers. */
  nodes: number;
  dispatchP50: number | null;
  dispatchP99: number | null;
  statementsPerNode: number | null;
  /** Read `settleMs` after the run: PostgreSQL backends publish their counts up to ~10 s late. */
  transactionsPerNode: Promise<number | null>;
  serverCpu: number | null;
  workerCpu: number;
  postgresCpu: number | null;
  serverRssMb: number | null;
  workerRssMb: number | null;
};

export type MeasureContext = { postgres: BenchPostgres; settleMs: number; redisPid: number | null };

/** The previous run's pending transaction count, per system: the next run waits for it. */
const pendingReadings = new Map<string, Promise<unknown>>();

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const sum = (values: (number | null)[]) => values.reduce<number>((s, v) => s + (v ?? 0), 0);

export async function measure(system: System, ctx: MeasureContext, body: () => Promise<Timed>): Promise<RunResult> {
  await pendingReadings.get(system.name);
  const { postgres } = ctx;
  const db = system.database;
  // BullMQ's server is Redis: its CPU and RSS stand where Backbeat's server's do.
  const serverPids = system.name === "bullmq" && ctx.redisPid ? [ctx.redisPid] : system.serverPids();
  const workerPids = system.workers.pids();
  system.workers.reset();
  const before = (await system.workers.collect()).handled;
  if (db) await postgres.resetStatements(db);
  const transactions0 = db ? await postgres.transactions(db) : 0;
  const serverCpu0 = sum(serverPids.map(cpuSeconds));
  const workerCpu0 = sum(workerPids.map(cpuSeconds));
  const pgCpu0 = postgres.postmasterPid ? treeCpuSeconds(postgres.postmasterPid) : null;
  const serverRss = sampleRss(serverPids);
  const workerRss = sampleRss(workerPids);
  let timed: Timed;
  try {
    timed = await body();
  } finally {
    serverRss();
    workerRss();
  }
  const serverCpu = serverPids.length ? sum(serverPids.map(cpuSeconds)) - serverCpu0 : null;
  const workerCpu = sum(workerPids.map(cpuSeconds)) - workerCpu0;
  const pgCpu1 = postgres.postmasterPid ? treeCpuSeconds(postgres.postmasterPid) : null;
  const statements = db ? await postgres.statements(db) : null;
  const { handled, waits } = await system.workers.collect();
  const nodes = handled - before;
  if (timed.expectedNodes !== undefined && nodes < timed.expectedNodes) {
    throw new Error(`${system.name}: ${nodes} handlers ran, ${timed.expectedNodes} expected (fan-in too early?)`);
  }
  if (system.workers.errors.length) {
    throw new Error(`${system.name}: worker errors: ${system.workers.errors.splice(0).join("; ")}`);
  }
  const dispatch = timed.dispatchMs ?? waits;
  const transactionsPerNode = (async () => {
    if (!db) return null;
    await sleep(ctx.settleMs);
    return ((await postgres.transactions(db)) - transactions0) / nodes;
  })();
  pendingReadings.set(
    system.name,
    transactionsPerNode.catch(() => null),
  );
  return {
    seconds: timed.seconds,
    throughput: timed.throughput,
    nodes,
    dispatchP50: percentile(dispatch, 50),
    dispatchP99: percentile(dispatch, 99),
    statementsPerNode: statements === null ? null : statements / nodes,
    transactionsPerNode,
    serverCpu,
    workerCpu,
    postgresCpu: pgCpu0 !== null && pgCpu1 !== null ? pgCpu1 - pgCpu0 : null,
    serverRssMb: serverPids.length ? serverRss() : null,
    workerRssMb: workerRss(),
  };
}
