// The driver side of the worker processes' IPC channel (see workers/recorder.ts): start them, wait for
// the events a scenario waits on (bounded), and collect what they recorded.
import path from "node:path";
import { forkTs, type Tracked } from "../infra/processes.ts";
import { TimeoutError, within } from "../infra/ports.ts";
import type { ToDriver } from "../workers/recorder.ts";

const WORKERS_DIR = path.resolve(import.meta.dirname, "../workers");
export const ROOT = path.resolve(import.meta.dirname, "../../..");

type EventType = "started" | "ended" | "fanin";

export type WorkerGroup = {
  processes: Tracked[];
  pids: () => number[];
  /** When `type` arrived for `key` (wall-clock ms), waiting at most `ms`. */
  event: (type: EventType, key: string, ms: number) => Promise<number>;
  /** Calls `listener` for every event of `type` (e.g. fan-ins of the sustained mix). */
  onEvent: (type: EventType, listener: (key: string, t: number) => void) => () => void;
  /** Forget recorded slot waits and buffered events: a run starts. */
  reset: () => void;
  /** Handler starts so far (all time) and slot waits since the last collect, over every worker. */
  collect: () => Promise<{ handled: number; waits: number[] }>;
  errors: string[];
  stop: () => Promise<void>;
};

export async function startWorkers(
  system: string,
  file: string,
  envs: NodeJS.ProcessEnv[],
  readyTimeoutMs = 60_000,
): Promise<WorkerGroup> {
  const arrived = new Map<string, number>();
  const waiters = new Map<string, (t: number) => void>();
  const listeners = new Set<{ type: EventType; fn: (key: string, t: number) => void }>();
  const collected: ((c: { handled: number; waits: number[] }) => void)[] = [];
  const errors: string[] = [];
  let failure: Error | null = null;
  const failed: ((e: Error) => void)[] = [];

  const processes = envs.map((env, i) =>
    forkTs(`${system} worker ${i + 1}`, path.join(WORKERS_DIR, file), env, {
      cwd: ROOT,
      tsconfig: path.join(ROOT, "packages/api/tsconfig.json"),
    }),
  );
  const ready = processes.map(
    (p) =>
      new Promise<void>((resolve, reject) => {
        p.child!.on("message", (m: ToDriver) => {
          if (m.type === "ready") resolve();
          else if (m.type === "error") {
            if (errors.length < 20) errors.push(m.message);
          } else if (m.type === "collected") collected.shift()?.(m);
          else {
            const id = `${m.type}:${m.key}`;
            arrived.set(id, m.t);
            waiters.get(id)?.(m.t);
            for (const l of listeners) if (l.type === m.type) l.fn(m.key, m.t);
          }
        });
        void p.exited.then(() => {
          const error = new Error(`${p.name} exited unexpectedly:\n${p.lines.slice(-20).join("\n")}`);
          reject(error);
          failure ??= error;
          for (const f of failed.splice(0)) f(error);
        });
      }),
  );
  const group: WorkerGroup = {
    processes,
    pids: () => processes.map((p) => p.pid),
    event: (type, key, ms) => {
      const id = `${type}:${key}`;
      const t = arrived.get(id);
      if (t !== undefined) return Promise.resolve(t);
      if (failure) return Promise.reject(failure);
      const wait = new Promise<number>((resolve, reject) => {
        waiters.set(id, resolve);
        failed.push(reject);
      });
      return within(wait, ms, `${system}: ${type} of ${key}`).finally(() => waiters.delete(id));
    },
    onEvent: (type, fn) => {
      const l = { type, fn };
      listeners.add(l);
      return () => listeners.delete(l);
    },
    reset: () => {
      arrived.clear();
      for (const p of processes) p.child?.send({ type: "reset" });
    },
    collect: async () => {
      const parts = await Promise.all(
        processes.map((p) => {
          const answer = new Promise<{ handled: number; waits: number[] }>((resolve) => collected.push(resolve));
          p.child!.send({ type: "collect" });
          return within(answer, 10_000, `${p.name}: collect`);
        }),
      );
      return { handled: parts.reduce((s, p) => s + p.handled, 0), waits: parts.flatMap((p) => p.waits) };
    },
    errors,
    stop: async () => {
      failure ??= new Error("stopped");
      await Promise.all(processes.map((p) => p.stop(10_000)));
    },
  };
  try {
    await within(Promise.all(ready), readyTimeoutMs, `${system}: workers ready`);
  } catch (error) {
    await group.stop();
    if (error instanceof TimeoutError) {
      throw new Error(`${error.message}\n${processes.map((p) => p.lines.slice(-20).join("\n")).join("\n")}`);
    }
    throw error;
  }
  return group;
}
