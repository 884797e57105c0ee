// New nodes may name another client to run them and a node to link to: both must exist (and the
// link must be visible to the caller), or the request is refused before anything is written.
import { BadInputError, type NewNodeFields } from "@backbeat/core";
import { findClient, findNode, type SqlTx } from "@backbeat/db";
import type { Caller } from "../caller.ts";

export async function checkReferencedIds(tx: SqlTx, caller: Caller, nodes: NewNodeFields[]): Promise<void> {
  const clientIds = new Set(nodes.map((n) => n.clientId).filter((id): id is string => id !== null));
  const linkIds = new Set(nodes.map((n) => n.parentLinkId).filter((id): id is string => id !== null));
  for (const id of clientIds) {
    if (!(await findClient(tx, id))) throw new BadInputError(`clientId ${id} is not a known client`);
  }
  for (const id of linkIds) {
    const link = await findNode(tx, id);
    if (!link || (caller.kind === "client" && link.clientId !== caller.clientId)) {
      throw new BadInputError(`parentLinkId ${id} is not a known node`);
    }
  }
}
