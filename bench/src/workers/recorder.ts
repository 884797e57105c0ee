// The worker side of the benchmark's IPC channel, shared by every system's worker process. A worker
// calls started()/ended() around each handler; the driver asks for what was recorded ("collect")
// between runs, so measuring costs the worker no message per node. Only the few events the driver
// waits for (a fan-in, a single node of the latency scenario) are sent at once.
//
// Slot wait: each handler end frees a worker slot; the next handler start takes the slot that has been
// free longest and records how long it waited. With work queued, that is the per-node overhead the
// system adds outside the handler (report, acknowledgement, claim, delivery).

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes on one machine. */
export const now = () => performance.timeOrigin + performance.now();

export type ToDriver =
  | { type: "ready" }
  | { type: "started"; key: string; t: number }
  | { type: "ended"; key: string; t: number }
  | { type: "fanin"; key: string; t: number }
  | { type: "collected"; handled: number; waits: number[] }
  | { type: "error"; message: string };

export type ToWorker = { type: "reset" } | { type: "collect" };

/** Node names the driver waits for: their start/end (single) or their start (done) is sent at once. */
export const NOTIFY_START = new Set(["single"]);
export const FANIN = "done";

const UNKNOWN = -1;

export type Recorder = {
  /** Call first thing in a handler. `key` identifies the run or the node for the driver. */
  started: (name: string, key: string) => void;
  /** Call when the handler's work is done (before the library acknowledges it). */
  ended: (name: string, key: string) => void;
  ready: () => void;
  error: (error: unknown) => void;
};

export function createRecorder(): Recorder {
  const send = (message: ToDriver) => process.send?.(message);
  let handled = 0;
  let waits: number[] = [];
  // The slots idle when a run starts have no known "free since": the first starts take them unrecorded.
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
  const idleSlots = () => Array.from({ length: concurrency }, () => UNKNOWN);
  let freeSince: number[] = idleSlots();

  process.on("message", (message: ToWorker) => {
    if (message.type === "reset") {
      waits = [];
      freeSince = idleSlots();
    } else if (message.type === "collect") {
      send({ type: "collected", handled, waits });
      waits = [];
    }
  });
  // The driver is gone (it died, or stopped us without a signal): do not outlive it.
  process.on("disconnect", () => process.exit(0));

  return {
    started: (name, key) => {
      const t = now();
      handled++;
      const free = freeSince.shift();
      if (free !== undefined && free !== UNKNOWN) waits.push(t - free);
      if (name === FANIN) send({ type: "fanin", key, t });
      else if (NOTIFY_START.has(name)) send({ type: "started", key, t });
    },
    ended: (name, key) => {
      const t = now();
      freeSince.push(t);
      if (NOTIFY_START.has(name)) send({ type: "ended", key, t });
    },
    ready: () => send({ type: "ready" }),
    error: (error) => send({ type: "error", message: error instanceof Error ? error.message : String(error) }),
  };
}
