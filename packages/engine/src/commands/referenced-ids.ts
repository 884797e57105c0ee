// New nodes may name another client to run them and a node to link to: both must exist (and the
// link must be visible to the caller), or the request is refused before anything is written.
// Delegation is explicit (issue 10): a client may assign a node to another client only if that
// client accepts work from it (and from the workflow's owner, whose workflow the node shows it:
// db's delegation.ts). Otherwise the answer is the one a random id gets, so nothing can be probed.
import { NotFoundError, BadInputError, type NewNodeFields } from "@backbeat/core";
import { findClient, findNode, findWorkflow, type ClientRecord, type SqlTx } from "@backbeat/db";
import type { Caller } from "../caller.ts";

function accepts(client: ClientRecord, fromId: string): boolean {
  return client.id === fromId || client.acceptsWorkFrom.includes(fromId);
}

/** Operators may assign to any client; a client to itself, or to a client that accepts work from it and the owner. */
async function mayAssign(tx: SqlTx, caller: Caller, client: ClientRecord, workflowId: string): Promise<boolean> {
  if (caller.kind === "operator" || client.id === caller.clientId) return true;
  if (!accepts(client, caller.clientId)) return false;
  const workflow = await findWorkflow(tx, workflowId);
  return workflow !== null && accepts(client, workflow.clientId);
}

export async function checkReferencedIds(
  tx: SqlTx,
  caller: Caller,
  workflowId: string,
  nodes: NewNodeFields[],
): Promise<void> {
  const clientIds = new Set(nodes.map((n) => n.clientId).filter((id): id is string => id !== null));
  const linkIds = new Set(nodes.map((n) => n.parentLinkId).filter((id): id is string => id !== null));
  for (const id of clientIds) {
    const client = await findClient(tx, id);
    if (!client || !(await mayAssign(tx, caller, client, workflowId))) throw new NotFoundError("Client", id);
  }
  for (const id of linkIds) {
    const link = await findNode(tx, id);
    if (!link || (caller.kind === "client" && link.clientId !== caller.clientId)) {
      throw new BadInputError(`parentLinkId ${id} is not a known node`);
    }
  }
}
