// A workflow's own state, read from its nodes (the live tree's copy): what an operator asks first. Failed wins
// (someone must act), then paused, then done, then "waiting on a timer" when every unfinished node only waits
// for its time (or for a parent that does), else running. Times are ISO strings; `now` in ms.
import { isErroredStatus } from "./statuses";

export type WorkflowStateName = "failed" | "paused" | "complete" | "waiting" | "running";

export type WorkflowState = {
  state: WorkflowStateName;
  label: string;
  tone: "bad" | "warn" | "ok" | "busy";
  /** When the first timer fires (state "waiting"). */
  until: string | null;
  /** Since creation until the last node changed (done) or until now (not done), in ms. */
  durationMs: number;
  counts: { total: number; finished: number; failed: number; running: number };
};

type StateNode = { serverStatus: string; clientStatus: string; firesAt: string; updatedAt: string };

const FINISHED = new Set(["COMPLETE", "DEACTIVATED"]);
/** Statuses of a node that has not started yet: it may wait for its time (firesAt), or for its parent. */
const NOT_STARTED = new Set(["PENDING", "READY", "STARTED", "RETRYING"]);

export function workflowState(
  nodes: Iterable<StateNode>,
  workflow: { paused: boolean; complete: boolean; createdAt: string },
  now: number,
): WorkflowState {
  const counts = { total: 0, finished: 0, failed: 0, running: 0 };
  let anyPaused = false;
  let lastChange = Date.parse(workflow.createdAt);
  let allWaitForTime = true;
  let firstTimer: number | null = null;
  for (const node of nodes) {
    counts.total++;
    const server = node.serverStatus.toUpperCase();
    lastChange = Math.max(lastChange, Date.parse(node.updatedAt));
    if (FINISHED.has(server)) {
      counts.finished++;
      continue;
    }
    if (isErroredStatus(server)) counts.failed++;
    else counts.running++;
    if (server === "PAUSED") anyPaused = true;
    const fires = Date.parse(node.firesAt);
    if (NOT_STARTED.has(server) && fires > now) firstTimer = Math.min(firstTimer ?? fires, fires);
    else if (server !== "PENDING") allWaitForTime = false;
  }
  const unfinished = counts.total - counts.finished;
  const created = Date.parse(workflow.createdAt);
  const durationMs = Math.max(0, (unfinished === 0 ? lastChange : now) - created);
  const base = { counts, durationMs, until: null };
  if (counts.failed > 0) return { ...base, state: "failed", label: "failed — needs attention", tone: "bad" };
  if (workflow.paused || anyPaused) return { ...base, state: "paused", label: "paused", tone: "warn" };
  if (unfinished === 0)
    return { ...base, state: "complete", label: workflow.complete ? "complete" : "all nodes done", tone: "ok" };
  if (allWaitForTime && firstTimer !== null)
    return {
      ...base,
      state: "waiting",
      label: "waiting on a timer",
      tone: "busy",
      until: new Date(firstTimer).toISOString(),
    };
  return { ...base, state: "running", label: "running", tone: "busy" };
}

/** 1,234 ms → "1.2 s"; minutes, hours and days past that. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
  return `${Math.floor(ms / 86_400_000)} d ${Math.round((ms % 86_400_000) / 3_600_000)} h`;
}
