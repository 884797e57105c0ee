// Sustained mix: for `seconds`, `inFlight` workflows at a time, each a 3-level tree (a signal adding
// `k` branches that add `k` leaves each, then fan-in), a new one started as each finishes; 2 server
// processes (Backbeat), 2 worker processes. Throughput: handlers started per second over the window.
// `mix-1server` is the same on one Backbeat server (both workers on it): two servers must beat it.
import { TimeoutError, sleep, waitUntil } from "../infra/ports.ts";
import { now } from "../workers/recorder.ts";
import type { Scenario } from "./scenario.ts";

const DRAIN_LIMIT_MS = 180_000;

export function mixScenario(
  seconds: number,
  warmUpSeconds: number,
  k: number,
  inFlight: number,
  servers: 1 | 2 = 2,
): Scenario {
  return {
    name: servers === 2 ? "mix" : "mix-1server",
    title: `sustained mix: ${seconds} s, ${inFlight} workflows in flight, trees of 1 + ${k} + ${k * k} nodes + fan-in, ${servers} server${servers === 2 ? "s" : ""}, 2 workers`,
    unit: "nodes/s",
    dispatch: "slot wait: a free worker slot → its next handler start",
    shape: { servers, workers: 2 },
    // The peers have no server process: the one-server variant is Backbeat's own comparison.
    includes: (system) => (servers === 2 ? system !== "backbeat push" : system === "backbeat pull"),
    run: async (system, key, warmUp) => {
      const window = (warmUp ? warmUpSeconds : seconds) * 1000;
      const open = new Set<string>();
      let started = 0;
      let stopping = false;
      const failed: { error: Error | null } = { error: null };
      const launch = () => {
        while (!stopping && open.size < inFlight) {
          const treeKey = `${key}-${started}`;
          const via = started++;
          open.add(treeKey);
          void system
            .prepare({ kind: "tree", key: treeKey, n: k }, via)
            .then((fire) => fire())
            .catch((error: unknown) => (failed.error ??= error instanceof Error ? error : new Error(String(error))));
        }
      };
      const off = system.workers.onEvent("fanin", (treeKey) => {
        if (open.delete(treeKey)) launch();
      });
      try {
        launch();
        const h0 = (await system.workers.collect()).handled;
        const t0 = now();
        await sleep(window);
        const h1 = (await system.workers.collect()).handled;
        const t1 = now();
        stopping = true;
        if (failed.error) throw failed.error;
        await waitUntil(async () => open.size === 0, DRAIN_LIMIT_MS, `${system.name}: draining the mix`).catch(
          (error: unknown) => {
            throw error instanceof TimeoutError ? new Error(`${error.message} (${open.size} trees unfinished)`) : error;
          },
        );
        return { seconds: (t1 - t0) / 1000, throughput: (h1 - h0) / ((t1 - t0) / 1000) };
      } finally {
        off();
      }
    },
  };
}
