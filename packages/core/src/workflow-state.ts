// A workflow's state as an operator reads it, from a few facts about its nodes: failed wins (someone must
// act), then paused, then complete (no unfinished node), then "waiting on a timer" when every unfinished node
// only waits for its time (or for a parent that does), else running. The overview counts workflows by it
// (db's count-workflow-states.ts gathers the facts in SQL); the dashboard's workflow header applies the same
// order to the live nodes of one workflow (apps/dashboard/src/lib/workflow-state.ts).
import type { ServerStatus } from "./statuses.ts";

export const WORKFLOW_STATES = ["failed", "paused", "complete", "waiting", "running"] as const;
export type WorkflowStateName = (typeof WORKFLOW_STATES)[number];

/** Statuses of a node that has not started yet: with a future firesAt it waits for its time. */
export const NOT_STARTED_SERVER_STATUSES = [
  "pending",
  "ready",
  "started",
  "retrying",
] as const satisfies readonly ServerStatus[];

/** What decides a workflow's state, read from its nodes (finished nodes count for none of these). */
export type WorkflowStateFacts = {
  /** Some node is errored or retries_exhausted. */
  failed: boolean;
  /** The workflow is paused, or some node is. */
  paused: boolean;
  /** Some node is not finished (complete, deactivated). */
  unfinished: boolean;
  /** Some unfinished node has not started and waits for a time still to come. */
  timer: boolean;
  /** Some unfinished node neither waits for its time nor is pending (it runs, or waits for its client). */
  busy: boolean;
};

export function workflowStateOf(facts: WorkflowStateFacts): WorkflowStateName {
  if (facts.failed) return "failed";
  if (facts.paused) return "paused";
  if (!facts.unfinished) return "complete";
  if (facts.timer && !facts.busy) return "waiting";
  return "running";
}
