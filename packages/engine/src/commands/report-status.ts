// A client's (or operator's) status report about a node (reference §7.4) and the event it fires.
// Every report refreshes the node's deadline; reports about a deactivated node are ignored.
import {
  assertJsonSize,
  assertUuid,
  BadInputError,
  isAwaitingClient,
  parseStatusReport,
  type NodeRecord,
} from "@backbeat/core";
import { lockNode, lockNodeForReport, transitionNode } from "@backbeat/db";
import { assertNodeVisible, type Caller } from "../caller.ts";
import type { EngineContext } from "../context.ts";
import { inTransaction } from "../transaction.ts";
import { applyReport, refreshedDeadline, type ParsedReport } from "./apply-report.ts";
import { assertCurrentAttempt, checkAttemptInput } from "./attempt.ts";

export async function reportNodeStatus(
  ctx: EngineContext,
  caller: Caller,
  nodeId: string,
  status: string,
  response?: unknown,
  attempt?: number,
): Promise<NodeRecord> {
  const parsed = parseReport({ nodeId, status, response, attempt });
  return inTransaction(ctx, async (t) => applyReport(t, caller, await lockNodeForReport(t.tx, nodeId), parsed));
}

export type ReportInput = { nodeId: string; status: string; response?: unknown; attempt?: number };

/** Checks a report's input (nothing is read or written for a malformed one). */
export function parseReport({ nodeId, status, response, attempt }: ReportInput): ParsedReport {
  assertUuid(nodeId, "nodeId");
  checkAttemptInput(attempt);
  const report = parseStatusReport(status);
  if (!report) throw new BadInputError(`Unknown status change ${status}`);
  if (response !== undefined) assertJsonSize(response, "response");
  return { nodeId, report, response, attempt };
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
    if (!isAwaitingClient(node)) return node;
    return transitionNode(t.tx, node, { steps: [], set: { completeBy: refreshedDeadline(t, node) }, now: t.now });
  });
}
