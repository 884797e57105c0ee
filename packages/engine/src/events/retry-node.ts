// RetryNode (reference §4.3): the node goes back to ready, the failed attempt's children are
// deactivated, and the parent's pass starts it again.
import type { NodeRecord } from "@backbeat/core";
import { deactivateSubtree, transitionNode } from "@backbeat/db";
import type { TxContext } from "../context.ts";
import { releaseLinks } from "./release-links.ts";
import { schedulePassOnParent } from "./schedule-pass.ts";

/** `firesAt`: when the node may start again, if not its current firesAt (see restart-node.ts). */
export async function retryNode(t: TxContext, node: NodeRecord, actor: string, firesAt?: Date): Promise<NodeRecord> {
  const updated = await transitionNode(t.tx, node, {
    steps: [
      { type: "client", to: "ready" },
      { type: "server", to: "ready" },
    ],
    set: firesAt ? { firesAt } : undefined,
    actor,
    now: t.now,
  });
  releaseLinks(t, await deactivateSubtree(t.tx, node.id, false, t.now, actor));
  schedulePassOnParent(t, node);
  return updated;
}
