// The waterfall's geometry, from the live nodes: one bar per node from its creation to its last change (or to
// now while it still runs or waits), with the part it waited for its time (firesAt) apart. Pure: unit-tested.
import type { TreeNode } from "@/lib/tree-node";

/** Times are ms from `origin`, the creation of the workflow's first node (epoch ms). */
export type Bar = {
  node: TreeNode;
  depth: number;
  /** ms from the workflow's first node. */
  start: number;
  /** ms the node waited for its time before it could start (0: none). */
  wait: number;
  end: number;
  finished: boolean;
};

/** Nodes whose run is over: done, or failed and waiting for an operator (their bar ends at the failure). */
const STOPPED = new Set(["COMPLETE", "DEACTIVATED", "ERRORED", "RETRIES_EXHAUSTED"]);

export function waterfallBars(
  nodes: Map<string, TreeNode>,
  order: readonly string[],
  now: number,
): { bars: Bar[]; span: number; origin: number } {
  const depthOf = new Map<string, number>();
  const depth = (node: TreeNode): number => {
    const known = depthOf.get(node.id);
    if (known !== undefined) return known;
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    const d = parent ? depth(parent) + 1 : 0;
    depthOf.set(node.id, d);
    return d;
  };
  const list = order.map((id) => nodes.get(id)).filter((n): n is TreeNode => n !== undefined);
  if (list.length === 0) return { bars: [], span: 0, origin: 0 };
  const origin = Math.min(...list.map((n) => Date.parse(n.createdAt)));
  const bars = list.map((node) => {
    const created = Date.parse(node.createdAt);
    const finished = STOPPED.has(node.serverStatus);
    const last = finished ? Date.parse(node.updatedAt) : Math.max(now, Date.parse(node.updatedAt));
    const fires = Math.min(Math.max(Date.parse(node.firesAt), created), last);
    return {
      node,
      depth: depth(node),
      start: created - origin,
      wait: fires - created,
      end: last - origin,
      finished,
    };
  });
  return { bars, span: Math.max(1, ...bars.map((b) => b.end)), origin };
}
