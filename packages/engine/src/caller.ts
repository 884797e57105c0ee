// Who is asking: a client application (sees its own workflows and the nodes assigned to it) or an
// operator (sees everything). Every command takes one; what a caller may not see is "not found".
import { NotFoundError, type NodeRecord, type WorkflowRecord } from "@backbeat/core";

export type Caller = { kind: "client"; clientId: string } | { kind: "operator"; name: string };

export const ENGINE_ACTOR = "engine";

/** The audit log's `actor` for changes a caller makes. */
export function actorOf(caller: Caller): string {
  return caller.kind === "client" ? `client:${caller.clientId}` : `operator:${caller.name}`;
}

export function assertNodeVisible(caller: Caller, node: NodeRecord | null, id: string): asserts node is NodeRecord {
  if (!node || (caller.kind === "client" && node.clientId !== caller.clientId)) throw new NotFoundError("Node", id);
}

export function assertWorkflowVisible(
  caller: Caller,
  workflow: WorkflowRecord | null,
  id: string,
): asserts workflow is WorkflowRecord {
  if (!workflow || (caller.kind === "client" && workflow.clientId !== caller.clientId))
    throw new NotFoundError("Workflow", id);
}
