// Idempotency keys of signals and addChildren (issue 10): a call repeated with the same key (a retry
// after a lost answer, a handler run again) answers the nodes the first call created, in the same
// order, and creates nothing. The first call's result stands even if the repeat's payload differs:
// the key names the call, and the payload is not compared.
import { BadInputError, type NodeRecord } from "@backbeat/core";
import { findIdempotentNodes, type SqlTx } from "@backbeat/db";

export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** null when absent; a key must be 1–200 characters. */
export function checkIdempotencyKey(key: unknown): string | null {
  if (key == null) return null;
  if (typeof key !== "string" || key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new BadInputError(`idempotencyKey must be a string of 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  }
  return key;
}

/** What a keyed call created before, or null (also when there is no key). */
export async function repeatedCall(
  tx: SqlTx,
  parentOrWorkflowId: string,
  key: string | null,
): Promise<NodeRecord[] | null> {
  if (key === null) return null;
  const nodes = await findIdempotentNodes(tx, parentOrWorkflowId, key);
  return nodes.length > 0 ? nodes : null;
}

/**
 * Inserted rows are fewer than asked when a concurrent call with the same key won the unique
 * index (insert-nodes.ts skips those): its nodes are the answer.
 */
export async function keyedResult(
  tx: SqlTx,
  parentOrWorkflowId: string,
  key: string | null,
  asked: number,
  inserted: NodeRecord[],
): Promise<NodeRecord[]> {
  if (key === null || inserted.length === asked) return inserted;
  return findIdempotentNodes(tx, parentOrWorkflowId, key);
}
