// What the server sends to clients (reference §7.2–§7.3): the node as JSON, wrapped as
// {"activity": …} or {"decision": …}, and notifications.
import type { NodeRecord, WorkflowRecord } from "./node.ts";

export type WireNode = {
  id: string;
  mode: string;
  type: string;
  name: string;
  workflowId: string;
  parentId: string | null;
  clientId: string;
  /** The original's name for clientId. */
  userId: string;
  clientData: Record<string, unknown>;
  metadata: Record<string, unknown>;
  subject: unknown;
  decider: string;
  workflowName: string;
  currentServerStatus: string;
  currentClientStatus: string;
  firesAt: string;
  completeBy: string | null;
  retriesRemaining: number;
  attempt: number;
  createdAt: string;
};

export function wireNode(node: NodeRecord, workflow: WorkflowRecord): WireNode {
  return {
    id: node.id,
    mode: node.mode,
    type: node.type,
    name: node.name,
    workflowId: node.workflowId,
    parentId: node.parentId,
    clientId: node.clientId,
    userId: node.clientId,
    clientData: node.clientData,
    metadata: node.metadata,
    subject: workflow.subject,
    decider: workflow.decider,
    workflowName: workflow.name,
    currentServerStatus: node.serverStatus,
    currentClientStatus: node.clientStatus,
    firesAt: node.firesAt.toISOString(),
    completeBy: node.completeBy ? node.completeBy.toISOString() : null,
    retriesRemaining: node.retriesRemaining,
    attempt: node.attempt,
    createdAt: node.createdAt.toISOString(),
  };
}

export type NotificationMessage = "Client Error" | "Server Error";

/** A hash passes through, a string becomes {message}, nothing becomes {} (reference §7.3). */
export function notificationError(error: unknown): Record<string, unknown> {
  if (error === undefined || error === null) return {};
  if (typeof error === "string") return { message: error };
  if (typeof error === "object" && !Array.isArray(error)) return error as Record<string, unknown>;
  return { message: JSON.stringify(error) };
}

export function notificationBody(node: WireNode, message: NotificationMessage, error: unknown) {
  return { activity: node, notification: { name: node.name, message }, error: notificationError(error) };
}

/** The `error` member of a client's error report, whatever its envelope (JSON-RPC or plain). */
export function errorOfResponse(response: unknown): unknown {
  if (response !== null && typeof response === "object" && !Array.isArray(response) && "error" in response) {
    return response.error;
  }
  return undefined;
}
