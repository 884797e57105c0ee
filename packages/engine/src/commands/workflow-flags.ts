// Pause, resume and complete a workflow (reference §6.1–§6.2).
import { assertUuid, type WorkflowRecord } from "@backbeat/core";
import { enqueueJob, findWorkflow, lockPausedNodes, transitionNode, updateWorkflowFlags } from "@backbeat/db";
import { actorOf, assertWorkflowVisible, type Caller } from "../caller.ts";
import type { EngineContext, TxContext } from "../context.ts";
import { startNode } from "../events/start-node.ts";
import { inTransaction } from "../transaction.ts";

async function lockVisibleWorkflow(t: TxContext, caller: Caller, id: string): Promise<WorkflowRecord> {
  assertUuid(id, "workflowId");
  const workflow = await findWorkflow(t.tx, id, "update");
  assertWorkflowVisible(caller, workflow, id);
  return workflow;
}

/** Nothing running is interrupted; nodes about to be sent are parked as PAUSED instead. */
export function pauseWorkflow(ctx: EngineContext, caller: Caller, id: string): Promise<WorkflowRecord> {
  return inTransaction(ctx, async (t) => {
    await lockVisibleWorkflow(t, caller, id);
    return (await updateWorkflowFlags(t.tx, id, { paused: true }, t.now))!;
  });
}

/** Parked nodes go back to STARTED and run at their time. */
export function resumeWorkflow(ctx: EngineContext, caller: Caller, id: string): Promise<WorkflowRecord> {
  return inTransaction(ctx, async (t) => {
    await lockVisibleWorkflow(t, caller, id);
    const workflow = (await updateWorkflowFlags(t.tx, id, { paused: false }, t.now))!;
    for (const node of await lockPausedNodes(t.tx, id)) {
      const started = await transitionNode(t.tx, node, {
        steps: [{ type: "server", to: "started" }],
        actor: actorOf(caller),
        now: t.now,
      });
      if (started.firesAt <= t.now) await startNode(t, started);
      else await enqueueJob(t.tx, { kind: "start", nodeId: started.id, runAt: started.firesAt });
    }
    return workflow;
  });
}

/** Marks the workflow complete; from then on signals are refused. Running nodes are unaffected. */
export function completeWorkflow(ctx: EngineContext, caller: Caller, id: string): Promise<WorkflowRecord> {
  return inTransaction(ctx, async (t) => {
    await lockVisibleWorkflow(t, caller, id);
    return (await updateWorkflowFlags(t.tx, id, { complete: true }, t.now))!;
  });
}
