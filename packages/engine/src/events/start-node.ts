// StartNode (reference §3.4, §6.1): a started node whose time has come is parked if its workflow
// is paused; otherwise it gets a fresh deadline and goes to the client (or, a flag, completes).
import { completeByFor, type NodeRecord } from "@backbeat/core";
import { findWorkflow, insertOutboundCall, transitionNode } from "@backbeat/db";
import { ENGINE_ACTOR } from "../caller.ts";
import type { TxContext } from "../context.ts";
import { clientFinished } from "./client-complete.ts";

export async function startNode(t: TxContext, node: NodeRecord): Promise<NodeRecord> {
  // FOR SHARE waits for a pause/resume in flight, so the flag read here is the one that counts.
  const workflow = await findWorkflow(t.tx, node.workflowId, "share");
  if (workflow?.paused) {
    return transitionNode(t.tx, node, { steps: [{ type: "server", to: "paused" }], now: t.now });
  }
  const sent = await transitionNode(t.tx, node, {
    steps: [
      { type: "server", to: "sent_to_client" },
      { type: "client", to: "received" },
    ],
    set: { completeBy: completeByFor(node.clientData, t.config.clientTimeoutSeconds, t.now), attempt: node.attempt + 1 },
    now: t.now,
  });
  if (sent.type === "flag") return clientFinished(t, sent, "complete", {}, ENGINE_ACTOR);
  const call = await insertOutboundCall(
    t.tx,
    { kind: "deliver", nodeId: sent.id, attempt: sent.attempt, runAt: t.now },
    { owner: t.owner, until: new Date(t.now.getTime() + t.config.leaseMs) },
  );
  t.outbound.push(call);
  return sent;
}
