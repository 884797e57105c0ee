// The original's presenters (reference §7.2, §8): camelCase keys, lower-case status and mode values,
// string ids, ISO-8601 times. A node is the same JSON that is pushed to clients (core's wireNode).
import { wireNode, type NodeRecord, type WireNode, type WorkflowRecord } from "@backbeat/core";
import { findWorkflow, type Sql, type StatusChangeView } from "@backbeat/db";

export function presentWorkflow(w: WorkflowRecord) {
  return {
    id: w.id,
    name: w.name,
    subject: w.subject,
    decider: w.decider,
    userId: w.clientId,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
    complete: w.complete,
    paused: w.paused,
  };
}

export function presentStatusChange(sc: StatusChangeView) {
  return {
    id: sc.id,
    nodeId: sc.nodeId,
    fromStatus: sc.fromStatus,
    toStatus: sc.toStatus,
    statusType: sc.statusType,
    response: sc.response ?? null,
    createdAt: sc.createdAt.toISOString(),
  };
}

/**
 * Nodes with their workflow's subject, decider and name. The workflow is read unscoped: a node
 * delegated to the caller shows what its push showed, though the workflow is another client's.
 */
export async function presentNodes(sql: Sql, nodes: NodeRecord[], known: WorkflowRecord[] = []): Promise<WireNode[]> {
  const workflows = new Map(known.map((w) => [w.id, w]));
  for (const id of new Set(nodes.map((n) => n.workflowId))) {
    if (!workflows.has(id)) {
      const w = await findWorkflow(sql, id);
      if (w) workflows.set(id, w);
    }
  }
  return nodes.flatMap((n) => {
    const w = workflows.get(n.workflowId);
    return w ? [wireNode(n, w)] : [];
  });
}

export async function presentNode(sql: Sql, node: NodeRecord): Promise<WireNode> {
  const [presented] = await presentNodes(sql, [node]);
  if (!presented) throw new Error(`workflow ${node.workflowId} of node ${node.id} is missing`);
  return presented;
}
