// A signal (reference §3.8): a blocking DECISION node directly under the workflow, created READY.
// Signals of one workflow run one at a time, in order: the workflow's pass sees to that.
import { assertUuid, normalizeNodeInput, WorkflowCompleteError, type NodeInput, type NodeRecord } from "@backbeat/core";
import { findWorkflow, insertNodes } from "@backbeat/db";
import { assertWorkflowVisible, type Caller } from "../caller.ts";
import type { EngineContext } from "../context.ts";
import { schedulePass } from "../events/schedule-pass.ts";
import { inTransaction } from "../transaction.ts";
import { checkReferencedIds } from "./referenced-ids.ts";

export type SignalInput = Omit<NodeInput, "mode" | "type">;

export async function signalWorkflow(
  ctx: EngineContext,
  caller: Caller,
  workflowId: string,
  input: SignalInput,
): Promise<NodeRecord> {
  assertUuid(workflowId, "workflowId");
  return inTransaction(ctx, async (t) => {
    const fields = normalizeNodeInput({ ...input, mode: "blocking", type: "decision" }, t.now);
    const workflow = await findWorkflow(t.tx, workflowId, "share");
    assertWorkflowVisible(caller, workflow, workflowId);
    if (workflow.complete) throw new WorkflowCompleteError(workflowId);
    await checkReferencedIds(t.tx, caller, [fields]);
    const [node] = await insertNodes(
      t.tx,
      [
        {
          ...fields,
          clientId: fields.clientId ?? workflow.clientId,
          workflowId,
          parentId: null,
          serverStatus: "ready",
          clientStatus: "ready",
        },
      ],
      t.now,
    );
    schedulePass(t, { kind: "workflow", id: workflowId });
    return node!;
  });
}
