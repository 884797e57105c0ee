// Many status reports in one transaction (group commit): a worker's reports about many nodes cost
// one lock statement and one commit instead of a transaction each. Each report is still checked on
// its own, against the transition table as a compare-and-set: one that is refused (unknown node,
// stale attempt, invalid transition) answers its own error and changes nothing; the others apply.
import { BackbeatError, BadInputError, type NodeRecord } from "@backbeat/core";
import {
  completeLeaves,
  lockNodeForReport,
  lockNodesForReport,
  transitionsWritten,
  type ReportTarget,
} from "@backbeat/db";
import { actorOf, type Caller } from "../caller.ts";
import type { EngineContext } from "../context.ts";
import { inTransaction } from "../transaction.ts";
import { afterNodeComplete } from "../events/node-complete.ts";
import { applyReport, checkReport, isLeafCompletion, type ParsedReport } from "./apply-report.ts";
import { parseReport, reportNodeStatus, type ReportInput } from "./report-status.ts";

export const MAX_REPORTS_PER_BATCH = 500;

export type ReportOutcome = { nodeId: string; node: NodeRecord } | { nodeId: string; error: BackbeatError };

type Indexed = { index: number; report: ParsedReport };

export async function reportNodeStatuses(
  ctx: EngineContext,
  caller: Caller,
  inputs: ReportInput[],
): Promise<ReportOutcome[]> {
  if (inputs.length > MAX_REPORTS_PER_BATCH)
    throw new BadInputError(`at most ${MAX_REPORTS_PER_BATCH} reports per call`);
  const outcomes: ReportOutcome[] = new Array<ReportOutcome>(inputs.length);
  const valid: Indexed[] = [];
  inputs.forEach((input, index) => {
    const outcome = refusalOf(input.nodeId, () => valid.push({ index, report: parseReport(input) }));
    if (outcome) outcomes[index] = outcome;
  });
  if (valid.length === 0) return outcomes;
  try {
    for (const { index, outcome } of await applyTogether(ctx, caller, valid)) outcomes[index] = outcome;
  } catch (error) {
    // The database itself failing is not a report's fault: each alone would fail the same way.
    if ((error as { code?: unknown } | null)?.code === "DATABASE_UNAVAILABLE") throw error;
    // Something failed that is not one report's refusal: each on its own, so none fails the others.
    for (const { index, report } of valid) outcomes[index] = await alone(ctx, caller, report);
  }
  return outcomes;
}

async function applyTogether(ctx: EngineContext, caller: Caller, valid: Indexed[]) {
  return inTransaction(ctx, async (t) => {
    const targets = await lockNodesForReport(t.tx, [...new Set(valid.map((v) => v.report.nodeId))]);
    const results: { index: number; outcome: ReportOutcome }[] = [];
    const refuse = (index: number, nodeId: string, error: unknown) => {
      if (!(error instanceof BackbeatError)) throw error;
      results.push({ index, outcome: { nodeId, error } });
    };
    // The common case first, in one statement: COMPLETED for nodes that wait for nothing. A node
    // named twice in the batch goes the one-by-one way (its second report must see the first).
    const counts = new Map<string, number>();
    for (const v of valid) counts.set(v.report.nodeId, (counts.get(v.report.nodeId) ?? 0) + 1);
    const leaves: (Indexed & { target: ReportTarget })[] = [];
    const rest: Indexed[] = [];
    for (const v of valid) {
      const target = targets.get(v.report.nodeId) ?? null;
      try {
        if (counts.get(v.report.nodeId) !== 1 || !target) rest.push(v);
        else if (checkReport(caller, target, v.report) && isLeafCompletion(target, v.report))
          leaves.push({ ...v, target });
        else rest.push(v);
      } catch (error) {
        refuse(v.index, v.report.nodeId, error);
      }
    }
    const actor = actorOf(caller);
    const completed = await completeLeaves(
      t.tx,
      leaves.map((l) => ({ node: l.target.node, outcome: "complete", response: l.report.response, actor })),
      t.now,
    );
    const byId = new Map(completed.map((n) => [n.id, n]));
    for (const leaf of leaves) {
      const node = byId.get(leaf.report.nodeId);
      if (!node)
        rest.push(leaf); // not applied in bulk: the one-by-one way says why
      else {
        afterNodeComplete(t, node);
        results.push({ index: leaf.index, outcome: { nodeId: node.id, node } });
      }
    }
    const seen = new Set<string>();
    for (const { index, report } of rest) {
      // A second report about one node reads it again: the first may have changed it.
      const target = seen.has(report.nodeId)
        ? await lockNodeForReport(t.tx, report.nodeId)
        : (targets.get(report.nodeId) ?? null);
      seen.add(report.nodeId);
      const written = transitionsWritten(t.tx);
      try {
        results.push({ index, outcome: { nodeId: report.nodeId, node: await applyReport(t, caller, target, report) } });
      } catch (error) {
        // A refusal before anything was written leaves the transaction clean; anything else undoes the batch.
        if (transitionsWritten(t.tx) !== written) throw error;
        refuse(index, report.nodeId, error);
      }
    }
    return results;
  });
}

async function alone(ctx: EngineContext, caller: Caller, r: ParsedReport): Promise<ReportOutcome> {
  try {
    return { nodeId: r.nodeId, node: await reportNodeStatus(ctx, caller, r.nodeId, r.report, r.response, r.attempt) };
  } catch (error) {
    if (error instanceof BackbeatError) return { nodeId: r.nodeId, error };
    throw error;
  }
}

function refusalOf(nodeId: string, check: () => void): ReportOutcome | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof BackbeatError) return { nodeId, error };
    throw error;
  }
}
