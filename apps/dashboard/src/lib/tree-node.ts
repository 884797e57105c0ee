// The node and status-change shapes of the workflow page, from the generated fragments in tree-node.graphql:
// shared by the page's snapshot query, the live event route and the browser component that merges the two.
// (Types only: safe to import from client components.)
import type { StatusChangeItemFragment, TreeNodeFragment } from "@/generated/graphql";

export type TreeNode = TreeNodeFragment;

export type StatusChangeItem = StatusChangeItemFragment;

/** One server-sent event of the live route: a status change and the node's state after it. */
export type LiveEvent = { statusChange: StatusChangeItem; node: TreeNode };

/** Status change ids are increasing integers (as strings): compare them as such. */
export function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
