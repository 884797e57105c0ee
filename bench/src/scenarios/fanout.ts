// Fan-out: one signal whose handler adds `n` non-blocking children in one call; each child does nothing.
// Timed from the signal to the fan-in (the "done" node starting once every child has completed).
import { now } from "../workers/recorder.ts";
import type { Scenario } from "./scenario.ts";

/** 60 s plus 60 ms per child (the slowest system measured needed ~45 ms on a loaded machine): past that, the run fails. */
const limitMs = (n: number) => 60_000 + 60 * n;

export function fanoutScenario(name: string, n: number, warmUpN: number, withPush: boolean): Scenario {
  return {
    name,
    title: `fan-out ${n.toLocaleString("en")}: 1 signal, ${n.toLocaleString("en")} non-blocking children, fan-in`,
    unit: "children/s",
    dispatch: "slot wait: a free worker slot → its next handler start, while children are queued",
    shape: { servers: 1, workers: 1 },
    includes: (system) => withPush || system !== "backbeat push",
    run: async (system, key, warmUp) => {
      const size = warmUp ? warmUpN : n;
      const fire = await system.prepare({ kind: "fanout", key, n: size });
      const t0 = now();
      await fire();
      const t1 = await system.workers.event("fanin", key, limitMs(size));
      const seconds = (t1 - t0) / 1000;
      return { seconds, throughput: size / seconds, expectedNodes: size + 2 };
    },
  };
}
