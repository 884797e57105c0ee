// One status report (reference §7.4) applied to a node already locked in the current transaction,
// with the event it fires. Shared by the single report and the batch.
import { completeByFor, isAwaitingClient, isRepeatedReport, type NodeRecord, type StatusReport } from "@backbeat/core";
import { deactivateEarlierNodes, deactivateSubtree, lockNode, transitionNode, type ReportTarget } from "@backbeat/db";
import { actorOf, assertNodeVisible, type Caller } from "../caller.ts";
import type { TxContext } from "../context.ts";
import { clientFinished } from "../events/client-complete.ts";
import { clientError } from "../events/client-error.ts";
import { releaseLinks } from "../events/release-links.ts";
import { schedulePassOnParent } from "../events/schedule-pass.ts";
import { assertCurrentAttempt } from "./attempt.ts";

export type ParsedReport = { nodeId: string; report: StatusReport; response?: unknown; attempt?: number };

export async function applyReport(
  t: TxContext,
  caller: Caller,
  target: ReportTarget | null,
  { nodeId, report, response, attempt }: ParsedReport,
): Promise<NodeRecord> {
  const node = checkReport(caller, target, { nodeId, report, attempt });
  if (node.serverStatus === "deactivated" || isRepeatedReport(report, node.clientStatus)) return node;
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
      return clientFinished(t, node, "complete", response, actor, target!);
    case "resolved":
      return clientFinished(t, node, "resolved", response, actor, target!);
    case "shutdown":
      return clientFinished(t, node, "shutdown", response, actor, target!);
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
}

/** What every report passes before anything is written: the caller sees the node, and names its current attempt. */
export function checkReport(
  caller: Caller,
  target: ReportTarget | null,
  { nodeId, attempt }: Pick<ParsedReport, "nodeId" | "attempt" | "report">,
): NodeRecord {
  const node = target?.node ?? null;
  assertNodeVisible(caller, node, nodeId);
  // A report about a deactivated node is ignored, whatever attempt it names.
  if (node.serverStatus !== "deactivated") assertCurrentAttempt(node, attempt);
  return node;
}

/**
 * A COMPLETED report that can take the batch's bulk path (db/queries/complete-leaves.ts): a node
 * its client holds, waiting for nothing once done.
 */
export function isLeafCompletion(target: ReportTarget, report: ParsedReport): boolean {
  const { node } = target;
  return (
    report.report === "completed" &&
    isAwaitingClient(node) &&
    !isRepeatedReport(report.report, node.clientStatus) &&
    !target.hasChildren &&
    !target.waitsForLinks
  );
}

export function refreshedDeadline(t: TxContext, node: NodeRecord): Date | null {
  return completeByFor(node.clientData, t.config.clientTimeoutSeconds, t.now);
}
