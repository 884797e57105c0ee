// The benchmark's workload as jobs, for the PostgreSQL job queues (graphile-worker, pg-boss): the same
// node names and shapes as the Backbeat worker, with fan-in through a counter row (fanin-counter.ts).
import { childFinished, openCounter } from "./fanin-counter.ts";
import type { Recorder } from "./recorder.ts";

export type JobPayload = { key?: string; n?: number; counter?: string; i?: number };
type Query = Parameters<typeof openCounter>[0];
/** Enqueues jobs of one task in one call (the library's batch insert). */
type Enqueue = (task: string, payloads: JobPayload[]) => Promise<unknown>;

export const TASKS = ["fanout", "child", "done", "single", "tree", "branch", "leaf"] as const;

export function peerTask(recorder: Recorder, query: Query, enqueue: Enqueue) {
  const finished = async (counter: string) => {
    const key = await childFinished(query, counter);
    if (key !== null) await enqueue("done", [{ key }]);
  };
  return async (task: string, p: JobPayload): Promise<void> => {
    const key = p.key ?? "";
    recorder.started(task, key);
    const n = p.n ?? 0;
    switch (task) {
      case "fanout":
        await openCounter(query, key, n, key, null);
        await enqueue(
          "child",
          Array.from({ length: n }, () => ({ counter: key })),
        );
        break;
      case "tree":
        await openCounter(query, key, n, key, null);
        await enqueue(
          "branch",
          Array.from({ length: n }, (_, i) => ({ key, n, counter: key, i })),
        );
        break;
      case "branch": {
        const id = `${p.counter}/${p.i}`;
        await openCounter(query, id, n, key, p.counter!);
        await enqueue(
          "leaf",
          Array.from({ length: n }, () => ({ counter: id })),
        );
        break;
      }
      case "child":
      case "leaf":
        // The handler itself does nothing; the fan-in bookkeeping is the queue's overhead (Backbeat's
        // server does it), so it counts outside the handler, as slot wait.
        recorder.ended(task, key);
        await finished(p.counter!);
        return;
      default: // done, single: nothing to do
    }
    recorder.ended(task, key);
  };
}
