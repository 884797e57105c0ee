// Reset (reference §4.6): deactivate every descendant of the node; the node itself is unchanged.
import { assertUuid, type NodeRecord } from "@backbeat/core";
import { deactivateSubtree, lockNode } from "@backbeat/db";
import { actorOf, assertNodeVisible, type Caller } from "../caller.ts";
import type { EngineContext } from "../context.ts";
import { releaseLinks } from "../events/release-links.ts";
import { inTransaction } from "../transaction.ts";

export async function resetNode(ctx: EngineContext, caller: Caller, nodeId: string): Promise<NodeRecord> {
  assertUuid(nodeId, "nodeId");
  return inTransaction(ctx, async (t) => {
    const node = await lockNode(t.tx, nodeId);
    assertNodeVisible(caller, node, nodeId);
    releaseLinks(t, await deactivateSubtree(t.tx, node.id, false, t.now, actorOf(caller)));
    return node;
  });
}
