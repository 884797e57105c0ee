// Every process the benchmark starts (servers, workers, PostgreSQL, Redis) is registered here, so that
// nothing outlives a run: stopAll() on the way out, and a synchronous SIGKILL of whatever is left when
// this process exits for any reason (an exception, Ctrl-C, a failed scenario).
import { fork, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

export type Tracked = {
  name: string;
  pid: number;
  child: ChildProcess | null;
  /** The last lines it printed (for error messages). */
  lines: string[];
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop: (graceMs?: number) => Promise<void>;
};

const tracked = new Set<Tracked>();
/** Processes we did not spawn ourselves (PostgreSQL's postmaster): killed by pid on exit. */
const foreignPids = new Map<number, NodeJS.Signals>();

process.on("exit", () => {
  for (const t of tracked) killQuietly(t.pid, "SIGKILL");
  for (const [pid, signal] of foreignPids) killQuietly(pid, signal);
});

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** A process started by a library (e.g. the postmaster): signalled with `signal` if still there at exit. */
export function trackForeignPid(pid: number, signal: NodeJS.Signals): () => void {
  foreignPids.set(pid, signal);
  return () => foreignPids.delete(pid);
}

function wrap(name: string, child: ChildProcess, echo: boolean): Tracked {
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > 200) lines.shift();
    if (echo || /"level":"(error|fatal)"/.test(line)) process.stderr.write(`[${name}] ${line}\n`);
  };
  if (child.stdout) createInterface({ input: child.stdout }).on("line", keep);
  if (child.stderr) createInterface({ input: child.stderr }).on("line", (line) => keep(line));
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const t: Tracked = {
    name,
    pid: child.pid,
    child,
    lines,
    exited,
    stop: async (graceMs = 10_000) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
      tracked.delete(t);
    },
  };
  tracked.add(t);
  void exited.then(() => tracked.delete(t));
  return t;
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; echo?: boolean } = {},
): Tracked {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return wrap(name, child, options.echo ?? false);
}

/** A TypeScript file run by node + tsx, with an IPC channel (process.send / "message"). */
export function forkTs(
  name: string,
  file: string,
  env: NodeJS.ProcessEnv,
  options: { cwd?: string; tsconfig?: string } = {},
): Tracked {
  // BENCH_WORKER_CPU_PROF=<dir>: each worker process writes a CPU profile there when it exits.
  const profile = process.env.BENCH_WORKER_CPU_PROF
    ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_WORKER_CPU_PROF]
    : [];
  // BENCH_WORKER_NODE_FLAGS="--import /tmp/x.mjs": more node flags for each worker (space-separated).
  const flags = process.env.BENCH_WORKER_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = fork(file, [], {
    cwd: options.cwd,
    // Workspace packages resolve to their compiled dist/ (as users get @backbeat/client from npm), not
    // to the TypeScript source tsx would transform on the fly (its keep-names helper wraps every closure).
    execArgv: ["--import", "tsx", "--conditions=backbeat-compiled", ...profile, ...flags],
    env: { ...process.env, ...env, ...(options.tsconfig ? { TSX_TSCONFIG_PATH: options.tsconfig } : {}) },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  return wrap(name, child, false);
}

/** Stops every tracked process (SIGTERM, then SIGKILL after `graceMs`). */
export async function stopAll(graceMs = 5_000): Promise<void> {
  await Promise.all([...tracked].map((t) => t.stop(graceMs)));
}

/** CPU time (user + system) of a live process, in seconds; null once it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return ticks / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** CPU of a process and of its children, reaped ones included (utime + stime + cutime + cstime). */
export function treeCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    let ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    for (const child of childPids(pid)) ticks += (cpuSeconds(child) ?? 0) * CLOCK_TICKS;
    return ticks / CLOCK_TICKS;
  } catch {
    return null;
  }
}

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Resident memory of a live process, in MB; null once it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Linux's USER_HZ: 100 on every mainstream kernel. */
const CLOCK_TICKS = 100;

/** Samples the RSS of some processes every `intervalMs` until stopped; returns the largest one seen (MB). */
export function sampleRss(pids: number[], intervalMs = 100): () => number | null {
  let peak: number | null = null;
  const sample = () => {
    for (const pid of pids) {
      const mb = rssMb(pid);
      if (mb !== null) peak = Math.max(peak ?? 0, mb);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}
