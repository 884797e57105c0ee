// Operators decide which clients may assign nodes to a client (delegation, issue 10): the list
// replaces the previous one; an empty list means the client runs only its own workflows' nodes.
import { assertUuid, BadInputError, NotFoundError } from "@backbeat/core";
import { findClient, setClientAcceptsWorkFrom, type ClientRecord } from "@backbeat/db";
import type { EngineContext } from "../context.ts";
import { inTransaction } from "../transaction.ts";

export const MAX_ACCEPTED_CLIENTS = 100;

export async function setClientDelegation(
  ctx: EngineContext,
  clientId: string,
  acceptsWorkFrom: string[],
): Promise<ClientRecord> {
  assertUuid(clientId, "clientId");
  if (!Array.isArray(acceptsWorkFrom)) throw new BadInputError("acceptsWorkFrom must be a list of client ids");
  if (acceptsWorkFrom.length > MAX_ACCEPTED_CLIENTS)
    throw new BadInputError(`acceptsWorkFrom takes at most ${MAX_ACCEPTED_CLIENTS} clients`);
  acceptsWorkFrom.forEach((id, i) => assertUuid(id, `acceptsWorkFrom[${i}]`));
  // A client always runs its own work: listing itself adds nothing.
  const ids = [...new Set(acceptsWorkFrom.map((id) => id.toLowerCase()))].filter((id) => id !== clientId.toLowerCase());
  return inTransaction(ctx, async (t) => {
    for (const id of ids) {
      if (!(await findClient(t.tx, id))) throw new BadInputError(`acceptsWorkFrom: ${id} is not a known client`);
    }
    const client = await setClientAcceptsWorkFrom(t.tx, clientId, ids);
    if (!client) throw new NotFoundError("Client", clientId);
    return client;
  });
}
