// The workflow tree (reference §6.5): nested JSON from the workflow down, children in creation
// order, and the printable text with the original's ANSI colours.
import type { NodeRecord, WorkflowRecord } from "@backbeat/core";

export type TreeNode = {
  id: string;
  name: string;
  userId: string;
  subject: unknown;
  mode: string | null;
  currentServerStatus: string | null;
  currentClientStatus: string | null;
  createdAt: string;
  retryingAt: string | null;
  children: TreeNode[];
};

function childrenByParent(nodes: NodeRecord[]): Map<string | null, NodeRecord[]> {
  const map = new Map<string | null, NodeRecord[]>();
  for (const n of nodes) map.set(n.parentId, [...(map.get(n.parentId) ?? []), n]);
  return map;
}

/** `nodes` in creation order; a node whose parent is not among them is left out with its subtree. */
export function workflowTree(workflow: WorkflowRecord, nodes: NodeRecord[]): TreeNode {
  const children = childrenByParent(nodes);
  const build = (n: NodeRecord): TreeNode => ({
    id: n.id,
    name: n.name,
    userId: n.clientId,
    subject: workflow.subject,
    mode: n.mode,
    currentServerStatus: n.serverStatus,
    currentClientStatus: n.clientStatus,
    createdAt: n.createdAt.toISOString(),
    retryingAt: n.serverStatus === "retrying" ? n.firesAt.toISOString() : null,
    children: (children.get(n.id) ?? []).map(build),
  });
  return {
    id: workflow.id,
    name: workflow.name,
    userId: workflow.clientId,
    subject: workflow.subject,
    mode: null,
    currentServerStatus: null,
    currentClientStatus: null,
    createdAt: workflow.createdAt.toISOString(),
    retryingAt: null,
    children: (children.get(null) ?? []).map(build),
  };
}

const CYAN = "\u001b[36m";
const RED = "\u001b[31m";
const GREEN = "\u001b[32m";
const YELLOW = "\u001b[33m";
const WHITE = "\u001b[37m";
const RESET = "\u001b[0m";

function colourOf(s: string, c: string): string {
  if (s === "errored" || c === "errored") return RED;
  if (s === "ready" && c === "ready") return WHITE;
  if (s === "complete" && c === "complete") return GREEN;
  if (s === "deactivated" || c === "deactivated") return WHITE;
  return YELLOW;
}

export function printTree(tree: TreeNode): string {
  let out = "";
  const walk = (t: TreeNode, depth: number) => {
    const indent = `${CYAN}${"   ".repeat(depth)}|--${RESET}`;
    if (depth === 0) out += `\n${t.id}${indent}${t.name}`;
    else {
      const s = t.currentServerStatus ?? "";
      const c = t.currentClientStatus ?? "";
      out += `\n${t.id}${indent}${colourOf(s, c)}${t.name} - server: ${s}, client: ${c}${RESET}`;
    }
    for (const child of t.children) walk(child, depth + 1);
  };
  walk(tree, 0);
  return out;
}
