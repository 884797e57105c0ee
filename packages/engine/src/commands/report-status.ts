// A client's (or operator's) status report about a node (reference §7.4) and the event it fires.
// Every report refreshes the node's deadline; reports about a deactivated node are ignored.
import {
  assertJsonSize,
  assertUuid,
  BadInputError,
  completeByFor,
  parseStatusReport,
  type NodeRecord,
} from "@backbeat/core";
import {
  deactivateEarlierNodes,
  deactivateSubtree,
  lockNode,
  lockNodeWithChildren,
  transitionNode,
} from "@backbeat/db";
import { actorOf, assertNodeVisible, type Caller } from "../caller.ts";
import type { EngineContext, TxContext } from "../context.ts";
import { clientFinished } from "../events/client-complete.ts";
import { clientError } from "../events/client-error.ts";
import { releaseLinks } from "../events/release-links.ts";
import { schedulePassOnParent } from "../events/schedule-pass.ts";
import { inTransaction } from "../transaction.ts";
import { assertCurrentAttempt, checkAttemptInput } from "./attempt.ts";

export async function reportNodeStatus(
  ctx: EngineContext,
  caller: Caller,
  nodeId: string,
  status: string,
  response?: unknown,
  attempt?: number,
): Promise<NodeRecord> {
  assertUuid(nodeId, "nodeId");
  checkAttemptInput(attempt);
  const report = parseStatusReport(status);
  if (!report) throw new BadInputError(`Unknown status change ${status}`);
  if (response !== undefined) assertJsonSize(response, "response");
  return inTransaction(ctx, async (t) => {
    const locked = await lockNodeWithChildren(t.tx, nodeId);
    const node = locked?.node ?? null;
    assertNodeVisible(caller, node, nodeId);
    const hasChildren = locked?.hasChildren ?? true;
    if (node.serverStatus === "deactivated") return node;
    assertCurrentAttempt(node, attempt);
    const actor = actorOf(caller);
    switch (report) {
      case "processing":
        return transitionNode(t.tx, node, {
          steps: [{ type: "client", to: "processing" }],
          set: { completeBy: refreshedDeadline(t, node) },
          response,
          actor,
          now: t.now,
        });
      case "completed":
        return clientFinished(t, node, "complete", response, actor, hasChildren);
      case "resolved":
        return clientFinished(t, node, "resolved", response, actor, hasChildren);
      case "shutdown":
        return clientFinished(t, node, "shutdown", response, actor, hasChildren);
      case "errored":
        return clientError(t, node, response, actor);
      case "canceled":
        releaseLinks(t, await deactivateSubtree(t.tx, node.id, true, t.now, actor, response));
        schedulePassOnParent(t, node);
        return (await lockNode(t.tx, node.id))!;
      case "deactivated":
        releaseLinks(t, await deactivateEarlierNodes(t.tx, node.workflowId, node.seq, t.now, actor));
        return node;
    }
  });
}

function refreshedDeadline(t: TxContext, node: NodeRecord): Date | null {
  return completeByFor(node.clientData, t.config.clientTimeoutSeconds, t.now);
}

/** A heartbeat: the client is still working on the node; its deadline starts again. */
export async function heartbeatNode(
  ctx: EngineContext,
  caller: Caller,
  nodeId: string,
  attempt?: number,
): Promise<NodeRecord> {
  assertUuid(nodeId, "nodeId");
  checkAttemptInput(attempt);
  return inTransaction(ctx, async (t) => {
    const node = await lockNode(t.tx, nodeId);
    assertNodeVisible(caller, node, nodeId);
    assertCurrentAttempt(node, attempt);
    if (node.serverStatus !== "sent_to_client") return node;
    return transitionNode(t.tx, node, { steps: [], set: { completeBy: refreshedDeadline(t, node) }, now: t.now });
  });
}
