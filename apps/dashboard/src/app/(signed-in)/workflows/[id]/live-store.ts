// The browser's copy of a workflow's nodes: snapshots and live events merged by status-change id, never by
// time (updatedAt is taken before the row lock, so it can go backwards under contention). Each node keeps the
// id of the last change its state is known to include (its mark):
// - a snapshot read after the feed position P includes every change up to P: its nodes get the mark P, and
//   replace a node unless that one already has a later change;
// - an event (a change and the node's state read after it) applies only above the node's mark, so a change
//   the snapshot already shows, or one delivered twice, changes nothing.
import type { LiveEvent, TreeNode } from "@/lib/tree-node";

export type LiveStore = {
  nodes: Map<string, TreeNode>;
  /** Per node, the id of the last status change its state includes. */
  marks: Map<string, bigint>;
  /** Node ids in display order (creation order; nodes only seen live come last). */
  order: string[];
};

export function emptyStore(): LiveStore {
  return { nodes: new Map(), marks: new Map(), order: [] };
}

/**
 * Merges a snapshot read after the feed position `position`; its order (creation order) wins over the order in
 * which live events first showed a node. True when anything changed.
 */
export function applySnapshot(store: LiveStore, snapshot: TreeNode[], position: string): boolean {
  const mark = BigInt(position);
  let changed = false;
  for (const node of snapshot) changed = put(store, node, mark, (current) => current <= mark) || changed;
  const inSnapshot = new Set(snapshot.map((n) => n.id));
  const order = [...snapshot.map((n) => n.id), ...store.order.filter((id) => !inSnapshot.has(id))];
  if (order.length !== store.order.length || order.some((id, i) => store.order[i] !== id)) {
    store.order = order;
    changed = true;
  }
  return changed;
}

/** Applies one live event unless the node's state already includes its change. True when it did. */
export function applyEvent(store: LiveStore, event: LiveEvent): boolean {
  const id = BigInt(event.statusChange.id);
  return put(store, event.node, id, (current) => current < id);
}

function put(store: LiveStore, node: TreeNode, mark: bigint, newer: (current: bigint) => boolean): boolean {
  const current = store.marks.get(node.id);
  if (current !== undefined && !newer(current)) return false;
  store.marks.set(node.id, mark);
  const before = store.nodes.get(node.id);
  if (!before) store.order.push(node.id);
  if (before && sameNode(before, node)) return false;
  store.nodes.set(node.id, node);
  return true;
}

function sameNode(a: TreeNode, b: TreeNode): boolean {
  return (Object.keys(a) as (keyof TreeNode)[]).every((key) => a[key] === b[key]);
}
