// The "next node" pass (reference §3.5), as a pure decision over a parent's unfinished children.
import type { NodeMode } from "./modes.ts";
import { isFinished } from "./status-rules.ts";
import type { ServerStatus } from "./statuses.ts";

/** A parent's unfinished child as a pass reads it: enough to decide, and to start it (when, and its deadline's timeout). */
export type PassChild = {
  id: string;
  mode: NodeMode;
  serverStatus: ServerStatus;
  firesAt: Date;
  /** Its client_data.timeout, whatever it holds (completeByForTimeout reads it). */
  timeout: unknown;
};

/**
 * A blocking child holds back every later sibling until it finishes (why-not-running reads the
 * same rule in SQL: the first earlier unfinished sibling in this mode).
 */
export const SIBLING_BLOCKING_MODE = "blocking" satisfies NodeMode;

export function holdsBackLaterSiblings(child: { mode: string }): boolean {
  return child.mode === SIBLING_BLOCKING_MODE;
}

/** A parent never waits for a child in this mode (fan-in and why-not-running read it in SQL too). */
export const UNWAITED_MODE = "fire_and_forget" satisfies NodeMode;

export function parentWaitsFor(child: { mode: string }): boolean {
  return child.mode !== UNWAITED_MODE;
}

/**
 * Which children to start: walk unfinished children in creation order, start every READY one,
 * and stop after the first blocking child, whatever its state (it holds back later siblings).
 */
export function childrenToStart(activeChildrenInOrder: readonly PassChild[]): PassChild[] {
  const toStart: PassChild[] = [];
  for (const child of activeChildrenInOrder) {
    if (child.serverStatus === "ready") toStart.push(child);
    if (holdsBackLaterSiblings(child)) break;
  }
  return toStart;
}

/**
 * "All children complete": every unfinished child is fire-and-forget (the parent never waits for
 * those) and every node linked to the parent has finished. A deactivated link no longer blocks
 * (PRODUCT.md #6; the original waited for it forever).
 */
export function allChildrenComplete(
  activeChildren: readonly PassChild[],
  linkStatuses: readonly ServerStatus[],
): boolean {
  const waitingForChild = activeChildren.some(parentWaitsFor);
  const waitingForLink = linkStatuses.some((s) => !isFinished(s));
  return !waitingForChild && !waitingForLink;
}
