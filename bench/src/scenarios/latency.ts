// Dispatch latency: `count` single-node workflows, one after the other on an otherwise idle system;
// each timed from the signal (the call that starts it) to its handler starting in the worker process.
// The next one starts `gapMs` after the previous handler returned, so its acknowledgement is done.
import { sleep } from "../infra/ports.ts";
import { now } from "../workers/recorder.ts";
import type { Scenario } from "./scenario.ts";

const LIMIT_MS = 30_000;

export function latencyScenario(count: number, warmUpCount: number, gapMs = 20): Scenario {
  return {
    name: "latency",
    title: `dispatch latency: ${count} sequential single-node workflows, signal → handler start`,
    unit: "nodes/s",
    dispatch: "signal → handler start",
    shape: { servers: 1, workers: 1 },
    includes: () => true,
    run: async (system, key, warmUp) => {
      const samples: number[] = [];
      const total = warmUp ? warmUpCount : count;
      const t0 = now();
      for (let i = 0; i < total; i++) {
        const nodeKey = `${key}-${i}`;
        const fire = await system.prepare({ kind: "single", key: nodeKey, n: 0 });
        const sent = now();
        await fire();
        samples.push((await system.workers.event("started", nodeKey, LIMIT_MS)) - sent);
        await system.workers.event("ended", nodeKey, LIMIT_MS);
        await sleep(gapMs);
      }
      const seconds = (now() - t0) / 1000;
      return { seconds, throughput: total / seconds, dispatchMs: samples, expectedNodes: total };
    },
  };
}
