// Deadlines are watched continuously (PRODUCT.md #3): a node whose complete_by passed while the
// server waits for its client fails as a client error, and so is retried with back-off.
import { DEADLINE_EXPIRED_ERROR } from "@backbeat/core";
import { claimExpiredDeadlines } from "@backbeat/db";
import { ENGINE_ACTOR } from "../caller.ts";
import type { EngineContext } from "../context.ts";
import { clientError } from "../events/client-error.ts";
import { inTransaction } from "../transaction.ts";

const BATCH = 50;

export async function expireDeadlines(ctx: EngineContext): Promise<number> {
  return inTransaction(ctx, async (t) => {
    const nodes = await claimExpiredDeadlines(t.tx, t.now, BATCH);
    for (const node of nodes) await clientError(t, node, { error: DEADLINE_EXPIRED_ERROR }, ENGINE_ACTOR);
    if (nodes.length > 0) ctx.log("info", "deadlines expired", { nodeIds: nodes.map((n) => n.id) });
    return nodes.length;
  });
}
