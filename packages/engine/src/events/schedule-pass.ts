// ScheduleNextNode is asynchronous (reference §3.4): asking for a pass queues a durable job, at
// most one per parent, written when the transaction is about to commit.
import { parentOf, type NodeRecord, type ParentRef } from "@backbeat/core";
import type { TxContext } from "../context.ts";

export function schedulePass(t: TxContext, target: ParentRef): void {
  t.passes.set(`${target.kind}:${target.id}`, target);
}

export function schedulePassOnParent(t: TxContext, node: Pick<NodeRecord, "parentId" | "workflowId">): void {
  schedulePass(t, parentOf(node));
}

/**
 * A pass on this parent only if, at commit, it waits for no unfinished child (db/queries/fan-in.ts):
 * what a completed non-blocking child asks for, since it holds back no sibling. An unconditional
 * request for the same parent wins.
 */
export function schedulePassWhenNoChildLeft(t: TxContext, parentId: string): void {
  const key = `node:${parentId}`;
  if (!t.passes.has(key)) t.passes.set(key, { kind: "node", id: parentId, whenNoChildLeft: true });
}
