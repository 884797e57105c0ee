// ClientError (reference §4.1): retry with back-off while retries remain, else RETRIES_EXHAUSTED
// and a "Client Error" notification. Both status changes are checked before either is written.
import { errorOfResponse, retryDelayMs, type NodeRecord } from "@backbeat/core";
import { enqueueJob, transitionNode } from "@backbeat/db";
import type { TxContext } from "../context.ts";
import { notifyClient } from "./notify-client.ts";

export async function clientError(
  t: TxContext,
  node: NodeRecord,
  response: unknown,
  actor: string,
): Promise<NodeRecord> {
  if (node.retriesRemaining > 0) {
    const retriesRemaining = node.retriesRemaining - 1;
    const firesAt = new Date(t.now.getTime() + retryDelayMs(node.retryInterval, retriesRemaining, t.random()));
    const updated = await transitionNode(t.tx, node, {
      steps: [
        { type: "client", to: "errored" },
        { type: "server", to: "retrying" },
      ],
      set: { retriesRemaining, firesAt, completeBy: null },
      response,
      actor,
      now: t.now,
    });
    await enqueueJob(t.tx, { kind: "retry", nodeId: node.id, runAt: firesAt });
    return updated;
  }
  const updated = await transitionNode(t.tx, node, {
    steps: [
      { type: "client", to: "errored" },
      { type: "server", to: "retries_exhausted" },
    ],
    set: { completeBy: null },
    response,
    actor,
    now: t.now,
  });
  await notifyClient(t, updated, "Client Error", errorOfResponse(response));
  return updated;
}
