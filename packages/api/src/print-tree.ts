// The printable tree (reference §6.5), without the ANSI colours: one line per node, each starting
// with a newline, then the id, three spaces per depth level, "|--" and the label. The workflow is
// the root (label: its name); a node's label is "<name> - server: <s>, client: <c>".
import type { NodeRecord, WorkflowRecord } from "@backbeat/core";

/** `nodes` in creation order; a node whose parent is not in the list is left out with its subtree. */
export function printTree(workflow: WorkflowRecord, nodes: NodeRecord[]): string {
  const children = new Map<string | null, NodeRecord[]>();
  for (const n of nodes) {
    const list = children.get(n.parentId) ?? [];
    list.push(n);
    children.set(n.parentId, list);
  }
  const line = (id: string, depth: number, label: string) => `\n${id}${"   ".repeat(depth)}|--${label}`;
  let out = line(workflow.id, 0, workflow.name);
  const walk = (parentId: string | null, depth: number) => {
    for (const n of children.get(parentId) ?? []) {
      out += line(n.id, depth, `${n.name} - server: ${n.serverStatus}, client: ${n.clientStatus}`);
      walk(n.id, depth + 1);
    }
  };
  walk(null, 1);
  return out;
}
