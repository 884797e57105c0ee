// Restart (reference §4.6): run a failed node again now. A pending scheduled retry is dropped so
// the node is not run twice; retries_remaining is not reset.
import { assertUuid, ConflictError, isRestartable, type NodeRecord } from "@backbeat/core";
import { deleteNodeJobs, lockNode } from "@backbeat/db";
import { actorOf, assertNodeVisible, type Caller } from "../caller.ts";
import type { EngineContext } from "../context.ts";
import { retryNode } from "../events/retry-node.ts";
import { inTransaction } from "../transaction.ts";

export async function restartNode(ctx: EngineContext, caller: Caller, nodeId: string): Promise<NodeRecord> {
  assertUuid(nodeId, "nodeId");
  return inTransaction(ctx, async (t) => {
    const node = await lockNode(t.tx, nodeId);
    assertNodeVisible(caller, node, nodeId);
    if (!isRestartable(node)) {
      const current = `${node.serverStatus}/${node.clientStatus}`;
      throw new ConflictError(
        `Node ${nodeId} is ${current}: only a failed node can be restarted`,
        current,
        "ready/ready",
      );
    }
    await deleteNodeJobs(t.tx, node.id, ["retry"]);
    // A retrying node's firesAt is the back-off time of the retry dropped above; left as it is,
    // the pass would only start the node then. Restart means now.
    const firesAt = node.serverStatus === "retrying" && node.firesAt > t.now ? t.now : undefined;
    return retryNode(t, node, actorOf(caller), firesAt);
  });
}
