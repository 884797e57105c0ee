// Real engine processes for multi-process tests: spawned with `node --import tsx`, each running
// engine-process.ts against one database. Every process started here is tracked so that a test's
// after() hook (and, as a last resort, this process's exit) kills whatever is still running.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCRIPT = path.resolve(import.meta.dirname, "engine-process.ts");

export type EngineStats = { jobs: Record<string, number>; delivered: number };

export type EngineProcess = {
  name: string;
  /** Its lease owner id: outbound_calls.locked_by of the calls it holds. */
  owner: string;
  child: ChildProcess;
  /** Every stdout/stderr line so far. */
  lines: string[];
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>;
  /** SIGTERM (graceful), then the stats it printed; SIGKILL if it takes longer than `graceMs`. */
  stop: (graceMs?: number) => Promise<EngineStats | null>;
  /** SIGKILL: the process dies at once, whatever it was doing. */
  kill: () => Promise<void>;
};

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Tracks another kind of child process (e.g. a server) the same way: killAllEngineProcesses() ends it too. */
export function trackChild(child: ChildProcess): void {
  running.add(child);
  child.on("close", () => running.delete(child));
}

/** Starts one engine process and resolves once it printed "ready". */
export async function startEngineProcess(
  name: string,
  databaseUrl: string,
  env: Record<string, string> = {},
  readyTimeoutMs = 30_000,
): Promise<EngineProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT], {
    cwd: ROOT,
    env: {
      ...process.env,
      BACKBEAT_STOP_ON_STDIN_END: "1",
      ...env,
      DATABASE_URL: databaseUrl,
      BACKBEAT_ENGINE_NAME: name,
    },
    // stdin stays open while this process lives: if it dies unexpectedly, the engine stops too.
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  const lines: string[] = [];
  // "close", not "exit": it comes after the output has been read to the end.
  const exited = new Promise<number | string>((resolve) =>
    child.on("close", (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? "unknown");
    }),
  );
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      lines.push(line);
      if (line === "ready") onReady();
      // Errors are worth seeing at once; warnings are summed up by logSummary().
      else if (/"level":"error"/.test(line) || stream === child.stderr) process.stderr.write(`[${name}] ${line}\n`);
    });
  }

  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready.then(() => "ready" as const),
    exited.then((code) => `exited (${code})`),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve("timed out"), readyTimeoutMs))),
  ]);
  clearTimeout(timer);
  if (outcome !== "ready") {
    child.kill("SIGKILL");
    throw new Error(`engine process ${name} did not start: ${outcome}\n${lines.join("\n")}`);
  }

  const stats = (): EngineStats | null => {
    const line = lines.find((l) => l.startsWith("stats "));
    return line ? (JSON.parse(line.slice("stats ".length)) as EngineStats) : null;
  };
  const owner = lines.find((l) => l.startsWith("owner "))?.slice("owner ".length) ?? "";
  return {
    name,
    owner,
    child,
    lines,
    exited,
    stop: async (graceMs = 15_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return stats();
      child.kill("SIGTERM");
      const timeout = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timeout);
      return stats();
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** How many log lines of each level and message a process wrote, e.g. {"warn: job failed": 2}. */
export function logSummary(lines: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of lines) {
    if (!line.startsWith("{")) continue;
    try {
      const { level, msg } = JSON.parse(line) as { level?: string; msg?: string };
      const key = `${level}: ${msg}`;
      counts[key] = (counts[key] ?? 0) + 1;
    } catch {
      // not a log line
    }
  }
  return counts;
}

/** Kills every engine process this module started that is still running (for after() hooks). */
export async function killAllEngineProcesses(): Promise<void> {
  const exits = [...running].map(
    (child) =>
      new Promise<void>((resolve) => {
        child.once("close", () => resolve());
        child.kill("SIGKILL");
      }),
  );
  await Promise.all(exits);
}

/**
 * Polls `check` every `intervalMs` until it returns true, for at most `timeoutMs`: for waiting on
 * work done by other processes. Returns false on timeout (the caller then reports what is missing).
 */
export async function pollUntil(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 200): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (performance.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
