// ScheduleNextNode is asynchronous (reference §3.4): asking for a pass queues a durable job.
import { parentOf, type NodeRecord, type ParentRef } from "@backbeat/core";
import { enqueuePass } from "@backbeat/db";
import type { TxContext } from "../context.ts";

export async function schedulePass(t: TxContext, target: ParentRef): Promise<void> {
  await enqueuePass(t.tx, target.kind === "node" ? { nodeId: target.id } : { workflowId: target.id }, t.now);
}

export function schedulePassOnParent(t: TxContext, node: Pick<NodeRecord, "parentId" | "workflowId">): Promise<void> {
  return schedulePass(t, parentOf(node));
}
