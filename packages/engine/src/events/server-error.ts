// ServerError (reference §4.5): after an event failed five times the node is ERRORED and its
// client is told ("Server Error"); an operator must act.
import { canTransitionServer, type NodeRecord } from "@backbeat/core";
import { transitionNode } from "@backbeat/db";
import type { TxContext } from "../context.ts";
import { notifyClient } from "./notify-client.ts";

export async function serverError(t: TxContext, node: NodeRecord, message: string): Promise<boolean> {
  if (!canTransitionServer(node.serverStatus, "errored")) return false;
  const updated = await transitionNode(t.tx, node, {
    steps: [{ type: "server", to: "errored" }],
    response: { error: { message } },
    now: t.now,
  });
  await notifyClient(t, updated, "Server Error", { message });
  return true;
}
