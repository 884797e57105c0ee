// The domain shape of a node and a workflow, as the engine reads them.
import type { NodeMode, NodeType } from "./modes.ts";
import type { ClientStatus, ServerStatus } from "./statuses.ts";

export type NodeRecord = {
  id: string;
  seq: bigint;
  workflowId: string;
  parentId: string | null;
  clientId: string;
  parentLinkId: string | null;
  name: string;
  mode: NodeMode;
  type: NodeType;
  serverStatus: ServerStatus;
  clientStatus: ClientStatus;
  firesAt: Date;
  retriesRemaining: number;
  retryInterval: number;
  completeBy: Date | null;
  clientData: Record<string, unknown>;
  metadata: Record<string, unknown>;
  attempt: number;
  createdAt: Date;
  updatedAt: Date;
  /** The W3C traceparent of the span that created the node (tracing on), which its delivery continues. */
  traceparent?: string | null;
};

export type WorkflowRecord = {
  id: string;
  clientId: string;
  name: string;
  decider: string;
  subject: unknown;
  complete: boolean;
  paused: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/** Where a node's pass-poke goes: its parent node, or the workflow for a top-level node. */
export type ParentRef = { kind: "node"; id: string } | { kind: "workflow"; id: string };

export function parentOf(node: Pick<NodeRecord, "parentId" | "workflowId">): ParentRef {
  return node.parentId ? { kind: "node", id: node.parentId } : { kind: "workflow", id: node.workflowId };
}

/** True once the client's own work is over: new children would never be readied (PRODUCT.md #5). */
export function clientWorkFinished(node: Pick<NodeRecord, "serverStatus" | "clientStatus">): boolean {
  return (
    node.clientStatus === "complete" ||
    node.clientStatus === "resolved" ||
    node.clientStatus === "shutdown" ||
    node.serverStatus === "processing_children" ||
    node.serverStatus === "complete" ||
    node.serverStatus === "deactivated"
  );
}
