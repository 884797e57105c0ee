// Re-schedule (reference §4.6): run the next-node pass on a node, e.g. to unstick it.
import { assertUuid, type NodeRecord } from "@backbeat/core";
import { findNode } from "@backbeat/db";
import { assertNodeVisible, type Caller } from "../caller.ts";
import type { EngineContext } from "../context.ts";
import { schedulePass } from "../events/schedule-pass.ts";
import { inTransaction } from "../transaction.ts";

export async function scheduleNode(ctx: EngineContext, caller: Caller, nodeId: string): Promise<NodeRecord> {
  assertUuid(nodeId, "nodeId");
  return inTransaction(ctx, async (t) => {
    const node = await findNode(t.tx, nodeId);
    assertNodeVisible(caller, node, nodeId);
    schedulePass(t, { kind: "node", id: node.id });
    return node;
  });
}
