// The fault suite runs short in `pnpm test` and in full with `pnpm chaos` (BACKBEAT_CHAOS=full).
export const FULL = process.env.BACKBEAT_CHAOS === "full";

/** `short` in `pnpm test`, `full` under `pnpm chaos`. */
export function sized(short: number, full: number): number {
  return FULL ? full : short;
}

/** A line saying what a case checked (the suite's output is its report). */
export function says(line: string): void {
  process.stdout.write(`chaos: ${line}\n`);
}
