// Client notifications ("Client Error", "Server Error"): queued as durable outbound calls and sent
// after commit, with retries; a failing notification endpoint never fails the caller (PRODUCT.md #7).
import { notificationBody, wireNode, type NodeRecord, type NotificationMessage } from "@backbeat/core";
import { findWorkflow, insertOutboundCall } from "@backbeat/db";
import type { TxContext } from "../context.ts";

export async function notifyClient(
  t: TxContext,
  node: NodeRecord,
  message: NotificationMessage,
  error: unknown,
): Promise<void> {
  const workflow = await findWorkflow(t.tx, node.workflowId);
  if (!workflow) return;
  const payload = notificationBody(wireNode(node, workflow), message, error);
  const call = await insertOutboundCall(
    t.tx,
    { kind: "notify", nodeId: node.id, payload, runAt: t.now },
    { owner: t.owner, until: new Date(t.now.getTime() + t.config.leaseMs) },
  );
  t.outbound.push(call);
}
