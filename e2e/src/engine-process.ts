// One real engine process for multi-process tests: DATABASE_URL from the environment, the system
// clock, short timeouts (a killed engine's leases expire within seconds), its scheduler running.
// Prints "owner <lease owner id>", then "ready" once it takes work; on SIGTERM/SIGINT it stops
// gracefully, prints "stats {…}" (how much work it did) and exits 0.
//
// Tuning (optional, milliseconds unless noted): BACKBEAT_LEASE_MS, BACKBEAT_HTTP_TIMEOUT_MS,
// BACKBEAT_CONNECTION_ERROR_WAIT_MS, BACKBEAT_SAFETY_SWEEP_MS, BACKBEAT_MAX_IN_FLIGHT (calls),
// BACKBEAT_JOB_CONCURRENCY (loops), BACKBEAT_POOL_SIZE (connections), LOG_LEVEL (default warn),
// BACKBEAT_STOP_ON_STDIN_END=1 (shut down when stdin closes, i.e. when the parent process died).
import { createEngine, jsonLogger, type LogLevel } from "@backbeat/engine";

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not ${JSON.stringify(raw)}`);
  return n;
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is required");
const logLevel = (process.env.LOG_LEVEL ?? "warn") as LogLevel;
const name = process.env.BACKBEAT_ENGINE_NAME ?? `engine-${process.pid}`;

const leaseMs = int("BACKBEAT_LEASE_MS", 4_000);
const httpTimeoutMs = int("BACKBEAT_HTTP_TIMEOUT_MS", 2_000);
// The dispatcher sends a call only if the request can end within its lease (else nothing is sent).

const stats = { jobs: {} as Record<string, number>, delivered: 0 };
const write = jsonLogger(logLevel);
const engine = createEngine({
  databaseUrl,
  poolSize: int("BACKBEAT_POOL_SIZE", 10),
  config: {
    leaseMs,
    httpTimeoutMs,
    connectionErrorWaitMs: int("BACKBEAT_CONNECTION_ERROR_WAIT_MS", 1_000),
    safetySweepMs: int("BACKBEAT_SAFETY_SWEEP_MS", 1_000),
    maxInFlight: int("BACKBEAT_MAX_IN_FLIGHT", 64),
    jobConcurrency: int("BACKBEAT_JOB_CONCURRENCY", 4),
  },
  log: (level, msg, fields) => {
    if (msg === "node delivered") stats.delivered++;
    write(level, msg, { engine: name, ...fields });
  },
  beforeJob: (job) => {
    stats.jobs[job.kind] = (stats.jobs[job.kind] ?? 0) + 1;
  },
});

await engine.scheduler.start();
// Tests tell which process holds an outbound call (outbound_calls.locked_by) by this name.
process.stdout.write(`owner ${engine.context.owner}\nready\n`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await engine.close();
  process.stdout.write(`stats ${JSON.stringify(stats)}\n`);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
// A test runner that dies without killing us closes our stdin: stop rather than outlive it.
if (process.env.BACKBEAT_STOP_ON_STDIN_END === "1") {
  process.stdin.on("end", () => void shutdown());
  process.stdin.resume();
}
