// V8 lets the old generation grow to up to 4x what its last full collection kept before it collects
// again (on a machine with 2 GB or more for the heap). The server's live heap is small (~25 MB), but a
// 10,000-child addChildren or pass holds ~25 MB more for a second or two, and what survives two young
// collections meanwhile (node records of the open transaction, the answer being built) is promoted:
// a full collection landing then set the next limit at 4x that moment, and the 10,000-child fan-out's
// server grew to 300-385 MB of garbage (bench/README.md). At 2x there is still room: a full
// collection of this heap takes 5-40 ms, and the bench's fan-outs run no slower.
import v8 from "node:v8";

export const HEAP_GROWING_PERCENT = 100;

/** Sets V8's heap growing factor to 2x, unless node was started with its own --heap-growing-percent. */
export function boundHeapGrowth(env: NodeJS.ProcessEnv, execArgv: string[] = process.execArgv): boolean {
  const given = [...execArgv, env.NODE_OPTIONS ?? ""].some((arg) => /heap[-_]growing[-_]percent/.test(arg));
  if (!given) v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return !given;
}
