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
