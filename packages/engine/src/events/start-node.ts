// StartNode (reference §3.4, §6.1): started nodes whose time has come are parked if their
// workflow is paused; otherwise each gets a fresh deadline and goes to its client (a flag
// completes at once instead). Many nodes of one workflow start together in a few statements; a
// pass's children that are due go from ready to sent in one.
import {
  completeByFor,
  completeByForTimeout,
  deliveryRoute,
  wireNode,
  type NodeRecord,
  type PassChild,
  type WorkflowRecord,
} from "@backbeat/core";
import {
  findWorkflow,
  insertDeliveries,
  ROWS_PER_STATEMENT,
  sendNodes,
  startReadyNodes,
  transitionNode,
  type NodeToSend,
  type PreparedRequest,
  type SendFrom,
} from "@backbeat/db";
import { ENGINE_ACTOR } from "../caller.ts";
import type { TxContext } from "../context.ts";
import { pushTimeoutMs } from "../delivery/push-timeout.ts";
import { clientFinished } from "./client-complete.ts";

/** All `nodes` belong to one workflow (the children of one parent, or one node), and are started. */
export async function startNodes(t: TxContext, nodes: NodeRecord[]): Promise<void> {
  if (nodes.length === 0) return;
  const workflow = await workflowToStartIn(t, nodes[0]!.workflowId);
  if (!workflow) return;
  if (workflow.paused) return park(t, nodes);
  const timeout = t.config.clientTimeoutSeconds;
  await handOver(
    t,
    workflow,
    "started",
    nodes.map((n) => ({ id: n.id, completeBy: completeByFor(n.clientData, timeout, t.now) })),
  );
}

/**
 * A pass's ready children that are due, all of one workflow: started and sent in one statement
 * (sendNodes from ready), or started and parked if the workflow is paused. `workflow`: already read FOR
 * SHARE in this transaction (a signal's), so it is not read again.
 */
export async function startDueChildren(
  t: TxContext,
  workflowId: string,
  children: PassChild[],
  workflow?: WorkflowRecord,
): Promise<void> {
  if (children.length === 0) return;
  const ids = children.map((c) => c.id);
  const found = workflow ?? (await workflowToStartIn(t, workflowId));
  if (!found) return;
  if (found.paused) return park(t, await startReadyNodes(t.tx, ids, t.now));
  const timeout = t.config.clientTimeoutSeconds;
  await handOver(
    t,
    found,
    "ready",
    children.map((c) => ({ id: c.id, completeBy: completeByForTimeout(c.timeout, timeout, t.now) })),
  );
}

// FOR SHARE waits for a pause/resume in flight, so the flag read here is the one that counts.
function workflowToStartIn(t: TxContext, workflowId: string): Promise<WorkflowRecord | null> {
  return findWorkflow(t.tx, workflowId, "share");
}

async function park(t: TxContext, started: NodeRecord[]): Promise<void> {
  for (const node of started)
    await transitionNode(t.tx, node, { steps: [{ type: "server", to: "paused" }], now: t.now });
}

/**
 * Sends `items` (sendNodes from `from`) a statement's worth at a time (db's ROWS_PER_STATEMENT): of
 * 10,000 nodes a pass starts, only the flags and the outbound calls are kept, not every sent node's
 * record until the end. A flag completes at once; a pushed node gets its POST, made right after commit.
 */
async function handOver(t: TxContext, workflow: WorkflowRecord, from: SendFrom, items: NodeToSend[]): Promise<void> {
  const flags: NodeRecord[] = [];
  const deliveries: { nodeId: string; attempt: number; prepared?: PreparedRequest }[] = [];
  for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) {
    for (const node of await sendNodes(t.tx, from, items.slice(start, start + ROWS_PER_STATEMENT), t.now)) {
      if (node.type === "flag") {
        flags.push(node);
        continue;
      }
      // A pulled node needs no outbound call: it waits for a pull worker (under its deadline), and
      // is offered to this process's workers as the transaction commits.
      const prepared = await prepare(t, node, workflow);
      if (prepared === "pull") t.sentToPull.add(node, workflow);
      else if (prepared) deliveries.push({ nodeId: node.id, attempt: node.attempt, prepared });
    }
  }
  for (const flag of flags) await clientFinished(t, flag, "complete", {}, ENGINE_ACTOR);
  const lease = { owner: t.owner, until: new Date(t.now.getTime() + t.config.leaseMs) };
  t.outbound.push(...(await insertDeliveries(t.tx, deliveries, t.now, lease)));
}

export function startNode(t: TxContext, node: NodeRecord): Promise<void> {
  return startNodes(t, [node]);
}

/** The POST this engine will make right after commit (no reads needed then), or "pull" for a pulled node. */
async function prepare(
  t: TxContext,
  node: NodeRecord,
  workflow: WorkflowRecord,
): Promise<PreparedRequest | "pull" | undefined> {
  const client = await t.clients.get(t.tx, node.clientId);
  if (!client) return undefined;
  const route = deliveryRoute(node, client);
  if (route.kind === "pull") return "pull";
  return {
    url: route.url,
    body: { [route.envelope]: wireNode(node, workflow) },
    secret: client.signingSecret,
    timeoutMs: pushTimeoutMs(client, t.config),
    traceparent: node.traceparent,
  };
}
