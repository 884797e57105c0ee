// A signal (reference §3.8): a blocking DECISION node directly under the workflow, created READY.
// Signals of one workflow run one at a time, in order: the workflow's pass sees to that. It runs in
// the signal's own transaction, so a signal that may start goes to its client as it commits.
// With an idempotency key, a repeated signal answers the first one's node (idempotency-key.ts).
import {
  assertUuid,
  BackbeatError,
  normalizeNodeInput,
  WorkflowCompleteError,
  type NodeInput,
  type NodeRecord,
} from "@backbeat/core";
import { findWorkflow, insertNodes } from "@backbeat/db";
import { assertWorkflowVisible, type Caller } from "../caller.ts";
import type { EngineContext } from "../context.ts";
import { runPassNow, takePassNow } from "../events/run-pass.ts";
import { inTransaction } from "../transaction.ts";
import { checkIdempotencyKey, keyedResult, repeatedCall } from "./idempotency-key.ts";
import { checkReferencedIds } from "./referenced-ids.ts";

export type SignalInput = Omit<NodeInput, "mode" | "type"> & { idempotencyKey?: string | null };

export async function signalWorkflow(
  ctx: EngineContext,
  caller: Caller,
  workflowId: string,
  input: SignalInput,
): Promise<NodeRecord> {
  assertUuid(workflowId, "workflowId");
  const { idempotencyKey, ...nodeInput } = input;
  const key = checkIdempotencyKey(idempotencyKey);
  return inTransaction(ctx, async (t) => {
    const fields = normalizeNodeInput({ ...nodeInput, mode: "blocking", type: "decision" }, t.now);
    const workflow = await findWorkflow(t.tx, workflowId, "share");
    assertWorkflowVisible(caller, workflow, workflowId);
    // A repeat is found by its insert doing nothing (below): one statement less for every signal.
    // Refused calls look first: a retry after the answer was lost still gets its node.
    const refusal = workflow.complete
      ? new WorkflowCompleteError(workflowId)
      : await checkReferencedIds(t.tx, caller, workflowId, [fields]).then(
          () => null,
          (error: unknown) => {
            if (error instanceof BackbeatError) return error;
            throw error;
          },
        );
    if (refusal) {
      const repeated = await repeatedCall(t.tx, workflowId, key);
      if (repeated) return repeated[0]!;
      throw refusal;
    }
    const inserting = insertNodes(
      t.tx,
      [
        {
          ...fields,
          clientId: fields.clientId ?? workflow.clientId,
          workflowId,
          parentId: null,
          serverStatus: "ready",
          clientStatus: "ready",
          idempotencyKey: key,
          idempotencyIndex: key === null ? null : 0,
        },
      ],
      t.now,
    );
    // The workflow's pass goes out right behind the insert: one round trip for both.
    const parent = { kind: "workflow", id: workflowId } as const;
    const pass = takePassNow(t, parent);
    const inserted = await inserting;
    // Run even for a repeat below: the take may have taken over a queued pass, which must not be lost.
    await runPassNow(t, parent, workflow, pass);
    // A call with the same key came first (a retry, or a concurrent call): its node is the answer.
    if (inserted.length === 0) return (await keyedResult(t.tx, workflowId, key, 1, inserted))[0]!;
    // The node as created, as the original answers a signal (its pass was asynchronous there).
    return inserted[0]!;
  });
}
