// The "next node" pass (reference §3.5), as a pure decision over a parent's unfinished children.
import type { NodeMode } from "./modes.ts";
import type { ServerStatus } from "./statuses.ts";

export type PassChild = { id: string; mode: NodeMode; serverStatus: ServerStatus };

/**
 * Which children to start: walk unfinished children in creation order, start every READY one,
 * and stop after the first blocking child, whatever its state (it holds back later siblings).
 */
export function childrenToStart(activeChildrenInOrder: readonly PassChild[]): string[] {
  const toStart: string[] = [];
  for (const child of activeChildrenInOrder) {
    if (child.serverStatus === "ready") toStart.push(child.id);
    if (child.mode === "blocking") break;
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
  const waitingForChild = activeChildren.some((c) => c.mode !== "fire_and_forget");
  const waitingForLink = linkStatuses.some((s) => s !== "complete" && s !== "deactivated");
  return !waitingForChild && !waitingForLink;
}
