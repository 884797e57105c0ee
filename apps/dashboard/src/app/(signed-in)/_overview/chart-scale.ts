// The y axis of the throughput chart: a round maximum and evenly spaced round ticks (1, 2 or 5 × 10^k).

/** The smallest "nice" step such that `ticks` steps cover `max`. */
function niceStep(max: number, ticks: number): number {
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  return step ?? 10 * magnitude;
}

/** Tick values from 0 up to the axis maximum (which is the last tick); at least [0, 1]. */
export function yTicks(max: number, ticks = 4): number[] {
  if (max <= 0) return [0, 1];
  const step = Math.max(1, niceStep(max, ticks));
  const top = Math.ceil(max / step) * step;
  const values: number[] = [];
  for (let v = 0; v <= top; v += step) values.push(v);
  return values;
}

/** "2026-11-29T21:07:00.000Z" → "21:07" (UTC, like the rest of the dashboard). */
export function hourMinute(iso: string): string {
  return new Date(iso).toISOString().slice(11, 16);
}
