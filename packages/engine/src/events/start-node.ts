// StartNode (reference §3.4, §6.1): started nodes whose time has come are parked if their
// workflow is paused; otherwise each gets a fresh deadline and goes to its client (a flag
// completes at once instead). Many nodes of one workflow start together in a few statements.
import { completeByFor, deliveryRoute, wireNode, type NodeRecord, type WorkflowRecord } from "@backbeat/core";
import {
  findWorkflow,
  insertDeliveries,
  markNodesSent,
  ROWS_PER_STATEMENT,
  transitionNode,
  type PreparedRequest,
} from "@backbeat/db";
import { ENGINE_ACTOR } from "../caller.ts";
import type { TxContext } from "../context.ts";
import { pushTimeoutMs } from "../delivery/push-timeout.ts";
import { clientFinished } from "./client-complete.ts";

/** All `nodes` belong to one workflow (the children of one parent, or one node). */
export async function startNodes(t: TxContext, nodes: NodeRecord[]): Promise<void> {
  if (nodes.length === 0) return;
  // FOR SHARE waits for a pause/resume in flight, so the flag read here is the one that counts.
  const workflow = await findWorkflow(t.tx, nodes[0]!.workflowId, "share");
  if (!workflow) return;
  if (workflow.paused) {
    for (const node of nodes)
      await transitionNode(t.tx, node, { steps: [{ type: "server", to: "paused" }], now: t.now });
    return;
  }
  // A statement's worth at a time (db's ROWS_PER_STATEMENT): of 10,000 nodes a pass starts, only the
  // flags and the outbound calls are kept, not every sent node's record until the end.
  const flags: NodeRecord[] = [];
  const deliveries: { nodeId: string; attempt: number; prepared?: PreparedRequest }[] = [];
  for (let start = 0; start < nodes.length; start += ROWS_PER_STATEMENT) {
    const sent = await markNodesSent(
      t.tx,
      nodes
        .slice(start, start + ROWS_PER_STATEMENT)
        .map((n) => ({ id: n.id, completeBy: completeByFor(n.clientData, t.config.clientTimeoutSeconds, t.now) })),
      t.now,
    );
    for (const node of sent) {
      if (node.type === "flag") {
        flags.push(node);
        continue;
      }
      // A pulled node needs no outbound call: it waits for a pull worker (under its deadline).
      const prepared = await prepare(t, node, workflow);
      if (prepared) deliveries.push({ nodeId: node.id, attempt: node.attempt, prepared });
    }
  }
  for (const flag of flags) await clientFinished(t, flag, "complete", {}, ENGINE_ACTOR);
  const lease = { owner: t.owner, until: new Date(t.now.getTime() + t.config.leaseMs) };
  t.outbound.push(...(await insertDeliveries(t.tx, deliveries, t.now, lease)));
}

export function startNode(t: TxContext, node: NodeRecord): Promise<void> {
  return startNodes(t, [node]);
}

/** The POST this engine will make right after commit (no reads needed then); none for a pulled node. */
async function prepare(t: TxContext, node: NodeRecord, workflow: WorkflowRecord): Promise<PreparedRequest | undefined> {
  const client = await t.clients.get(t.tx, node.clientId);
  if (!client) return undefined;
  const route = deliveryRoute(node, client);
  if (route.kind === "pull") return undefined;
  return {
    url: route.url,
    body: { [route.envelope]: wireNode(node, workflow) },
    secret: client.signingSecret,
    timeoutMs: pushTimeoutMs(client, t.config),
    traceparent: node.traceparent,
  };
}
