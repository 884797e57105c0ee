// The tree flattened to the rows on screen: depth-first in creation order, skipping collapsed subtrees.
import type { TreeNode } from "@/lib/tree-node";

export type Row = { node: TreeNode; depth: number; childCount: number };

export function visibleRows(
  nodes: Map<string, TreeNode>,
  order: readonly string[],
  collapsed: ReadonlySet<string>,
): Row[] {
  const children = new Map<string | null, string[]>();
  for (const id of order) {
    const node = nodes.get(id);
    if (!node) continue;
    // A node whose parent is not known (yet) is shown at the top rather than lost.
    const parent = node.parentId !== null && nodes.has(node.parentId) ? node.parentId : null;
    const list = children.get(parent);
    if (list) list.push(id);
    else children.set(parent, [id]);
  }
  const rows: Row[] = [];
  const stack: { id: string; depth: number }[] = (children.get(null) ?? []).map((id) => ({ id, depth: 0 })).reverse();
  while (stack.length > 0) {
    const { id, depth } = stack.pop()!;
    const node = nodes.get(id)!;
    const kids = children.get(id) ?? [];
    rows.push({ node, depth, childCount: kids.length });
    if (!collapsed.has(id)) for (let i = kids.length - 1; i >= 0; i--) stack.push({ id: kids[i]!, depth: depth + 1 });
  }
  return rows;
}
