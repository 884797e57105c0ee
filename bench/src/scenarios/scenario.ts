// A scenario: the deployment it needs (servers, workers), its sizes (full and --smoke), and one run.
import type { Shape, System } from "../systems/system.ts";
import type { Timed } from "./measure.ts";

export type Scenario = {
  name: string;
  title: string;
  /** What its throughput counts, e.g. "children/s". */
  unit: string;
  /** What its dispatch figures are: signal → handler start, or a worker slot's wait for its next node. */
  dispatch: string;
  shape: Shape;
  /** Which systems run it (e.g. push only where it tells something). */
  includes: (system: string) => boolean;
  /** One run; `warmUp` runs may be smaller. Throws when it does not finish within its time limit. */
  run: (system: System, key: string, warmUp: boolean) => Promise<Timed>;
};
