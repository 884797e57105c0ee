// Helpers shared by the pull dispatcher's tests.
import assert from "node:assert/strict";
import type { PulledNode } from "@backbeat/db";

const WAIT_MS = 5_000;

/** A pull claim's lock, taken from another session if it is free (claim-pull-nodes.ts's key). */
export const TRY_CLAIM_LOCK = `SELECT pg_try_advisory_lock(('x' || substr(md5($1 || ':' || $2), 1, 16))::bit(64)::bigint) AS locked`;

/** The next node of a subscription, or a failure after WAIT_MS. */
export async function nextNode(queue: AsyncIterableIterator<PulledNode>): Promise<PulledNode> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no node within ${WAIT_MS} ms`)), WAIT_MS);
  });
  try {
    const next = await Promise.race([queue.next(), timeout]);
    assert.equal(next.done, false);
    return next.value;
  } finally {
    clearTimeout(timer);
  }
}
