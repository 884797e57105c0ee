// Overload: `signalers` callers start single-node workflows flat out for `seconds` against one
// server (Backbeat) and two worker processes, far faster than the workers can run them; then the
// callers stop and the backlog drains. What must hold: the workers stay busy while a backlog exists
// (handled/s during the load is the system's fan-out rate, not a collapse), and the backlog drains
// at that rate afterwards. Throughput: handlers started per second while the callers ran.
import { sleep, waitUntil } from "../infra/ports.ts";
import { now } from "../workers/recorder.ts";
import type { Scenario } from "./scenario.ts";

const DRAIN_LIMIT_MS = 300_000;

export function overloadScenario(seconds: number, warmUpSeconds: number, signalers: number): Scenario {
  return {
    name: "overload",
    title: `overload: ${signalers} callers start single-node workflows flat out for ${seconds} s, 1 server, 2 workers, then the backlog drains`,
    unit: "nodes/s while overloaded",
    dispatch: "slot wait: a free worker slot → its next handler start",
    shape: { servers: 1, workers: 2 },
    includes: (system) => system !== "backbeat push",
    run: async (system, key, warmUp) => {
      const window = (warmUp ? warmUpSeconds : seconds) * 1000;
      let accepted = 0;
      let stopping = false;
      const caller = async (c: number) => {
        for (let i = 0; !stopping; i++) {
          const fire = await system.prepare({ kind: "single", key: `${key}-${c}-${i}`, n: 0 });
          await fire();
          accepted++;
        }
      };
      const h0 = (await system.workers.collect()).handled;
      const t0 = now();
      const callers = Array.from({ length: signalers }, (_, c) => caller(c));
      await sleep(window);
      stopping = true;
      const h1 = (await system.workers.collect()).handled;
      const t1 = now();
      await Promise.all(callers);
      const backlog = accepted - (h1 - h0);
      await waitUntil(
        async () => (await system.workers.collect()).handled - h0 >= accepted,
        DRAIN_LIMIT_MS,
        `${system.name}: draining ${backlog} nodes`,
      );
      const t2 = now();
      const loadSeconds = (t1 - t0) / 1000;
      const drainSeconds = (t2 - t1) / 1000;
      console.log(
        `${system.name.padEnd(24)} ${warmUp ? "warm-up" : "run"}: accepted ${(accepted / loadSeconds).toFixed(0)}/s, ` +
          `ran ${((h1 - h0) / loadSeconds).toFixed(0)}/s while overloaded, backlog ${backlog} drained in ` +
          `${drainSeconds.toFixed(1)} s (${(backlog / Math.max(drainSeconds, 0.001)).toFixed(0)}/s)`,
      );
      return { seconds: loadSeconds, throughput: (h1 - h0) / loadSeconds, expectedNodes: accepted };
    },
  };
}
