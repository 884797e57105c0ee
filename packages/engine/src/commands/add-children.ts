// The original's decisions (reference §7.5): children of a running node, created PENDING in array
// order, all in one transaction. They become READY when the node's client work is done, so adding
// them after that is refused (PRODUCT.md #5: the original accepted them and the parent hung), and so
// is a call naming an attempt the node no longer waits on.
// With an idempotency key, a repeated call answers the first call's children (idempotency-key.ts).
import {
  assertUuid,
  BadInputError,
  clientWorkFinished,
  ConflictError,
  isAwaitingClientOnAttempt,
  MAX_CHILDREN_PER_CALL,
  normalizeNodeInput,
  type NodeInput,
  type NodeRecord,
} from "@backbeat/core";
import { insertNodes, lockNode } from "@backbeat/db";
import { assertNodeVisible, type Caller } from "../caller.ts";
import type { EngineContext } from "../context.ts";
import { inTransaction } from "../transaction.ts";
import { assertCurrentAttempt, checkAttemptInput } from "./attempt.ts";
import { checkIdempotencyKey, keyedResult, repeatedCall } from "./idempotency-key.ts";
import { checkReferencedIds } from "./referenced-ids.ts";

export async function addChildren(
  ctx: EngineContext,
  caller: Caller,
  nodeId: string,
  children: NodeInput[],
  attempt?: number,
  idempotencyKey?: string | null,
): Promise<NodeRecord[]> {
  assertUuid(nodeId, "nodeId");
  checkAttemptInput(attempt);
  const key = checkIdempotencyKey(idempotencyKey);
  if (!Array.isArray(children)) throw new BadInputError("children must be a list");
  if (children.length > MAX_CHILDREN_PER_CALL)
    throw new BadInputError(`At most ${MAX_CHILDREN_PER_CALL} children per call`);
  return inTransaction(ctx, async (t) => {
    const fields = children.map((c, i) => normalizeNodeInput(c, t.now, `children[${i}]`));
    const parent = await lockNode(t.tx, nodeId);
    assertNodeVisible(caller, parent, nodeId);
    assertCurrentAttempt(parent, attempt);
    // Before the finished check: a retry after the answer was lost (the node may have completed
    // since) still gets its children.
    const repeated = await repeatedCall(t.tx, nodeId, key);
    if (repeated) return repeated;
    if (clientWorkFinished(parent)) {
      const status = `${parent.serverStatus}/${parent.clientStatus}`;
      throw new ConflictError(
        `Node ${nodeId} is ${status}: its client work is finished, so it takes no more children`,
        status,
        "pending",
      );
    }
    // Retried but not sent again yet (retrying, ready, started, paused): the attempt number is still the
    // old one, yet that attempt is over; its children would outlive the retry that cleared its others.
    if (attempt !== undefined && !isAwaitingClientOnAttempt(parent, attempt)) {
      const status = `${parent.serverStatus}/${parent.clientStatus}`;
      throw new ConflictError(
        `Node ${nodeId} is ${status}: attempt ${attempt} is over, so it takes no more children`,
        status,
        "pending",
      );
    }
    await checkReferencedIds(t.tx, caller, parent.workflowId, fields);
    const inserted = await insertNodes(
      t.tx,
      // Spelled out, not spread: 10,000 objects made by `{ ...f, more }` weighed ~3.5 times as much.
      fields.map((f, i) => ({
        name: f.name,
        mode: f.mode,
        type: f.type,
        clientData: f.clientData,
        metadata: f.metadata,
        firesAt: f.firesAt,
        retriesRemaining: f.retriesRemaining,
        retryInterval: f.retryInterval,
        parentLinkId: f.parentLinkId,
        clientId: f.clientId ?? parent.clientId,
        workflowId: parent.workflowId,
        parentId: parent.id,
        serverStatus: "pending" as const,
        clientStatus: "pending" as const,
        idempotencyKey: key,
        idempotencyIndex: key === null ? null : i,
      })),
      t.now,
    );
    return keyedResult(t.tx, nodeId, key, fields.length, inserted);
  });
}
