// A retried or restarted node's bar, cut into its attempts: each run from its delivery to the client (server
// status → sent_to_client) until the node left that status (retrying, errored, …), and the wait between two
// runs (the retry interval, or until an operator restarted it) apart. Read from the node's server status
// changes, oldest first. Pure: unit-tested. Times in ms from the waterfall's origin, like its bars.
export type HistoryChange = { statusType: string; toStatus: string; createdAt: string };

export type Segment = {
  /** 1-based. */
  attempt: number;
  start: number;
  end: number;
  /** The wait before the next attempt (absent after the last one). */
  waitEnd: number | null;
};

const SENT = "sent_to_client";

/**
 * The attempts within a bar that runs from `barStart` to `barEnd` (the last attempt runs to the bar's end, so a
 * node still with its client, or waiting for its children, keeps its last segment open). The first attempt
 * starts at its own delivery: the time before it (waiting for its turn) is not part of any attempt. Fewer than two sends:
 * no segments (the plain bar says it all).
 */
export function attemptSegments(
  changes: readonly HistoryChange[],
  origin: number,
  barStart: number,
  barEnd: number,
): Segment[] {
  const server = changes.filter((c) => c.statusType.toLowerCase() === "server");
  const runs: { start: number; end: number | null }[] = [];
  for (const change of server) {
    const at = Date.parse(change.createdAt) - origin;
    const to = change.toStatus.toLowerCase();
    const open = runs[runs.length - 1];
    if (to === SENT) runs.push({ start: at, end: null });
    else if (open && open.end === null) open.end = at;
  }
  if (runs.length < 2) return [];
  const clamp = (t: number) => Math.min(Math.max(t, barStart), barEnd);
  return runs.map((run, i) => {
    const next = runs[i + 1];
    const start = clamp(run.start);
    if (!next) return { attempt: i + 1, start, end: barEnd, waitEnd: null };
    const end = clamp(run.end ?? next.start);
    return { attempt: i + 1, start, end, waitEnd: clamp(next.start) };
  });
}
