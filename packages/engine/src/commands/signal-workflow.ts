// A signal (reference §3.8): a blocking DECISION node directly under the workflow, created READY.
// Signals of one workflow run one at a time, in order: the workflow's pass sees to that. It runs in
// the signal's own transaction, so a signal that may start goes to its client as it commits.
// With an idempotency key, a repeated signal answers the first one's node (idempotency-key.ts).
import {
  assertUuid,
  BackbeatError,
  normalizeNodeInput,
  WorkflowCompleteError,
  type NewNodeFields,
  type NodeInput,
  type NodeRecord,
} from "@backbeat/core";
import { findWorkflow, insertNodes } from "@backbeat/db";
import { assertWorkflowVisible, type Caller } from "../caller.ts";
import type { EngineContext, TxContext } from "../context.ts";
import { runPassNow, takePassNow, type TakenPass } from "../events/run-pass.ts";
import { inTransaction } from "../transaction.ts";
import { checkIdempotencyKey, keyedResult, repeatedCall } from "./idempotency-key.ts";
import { checkReferencedIds } from "./referenced-ids.ts";

export type SignalInput = Omit<NodeInput, "mode" | "type"> & { idempotencyKey?: string | null };

/** The workflow's read did not allow what was sent behind it: rolled back, the signal runs again checked. */
class NotAsExpected extends Error {}

export async function signalWorkflow(
  ctx: EngineContext,
  caller: Caller,
  workflowId: string,
  input: SignalInput,
): Promise<NodeRecord> {
  assertUuid(workflowId, "workflowId");
  const { idempotencyKey, ...nodeInput } = input;
  const key = checkIdempotencyKey(idempotencyKey);
  // A client's signal that names no other client and no link is accepted whenever its workflow is the
  // caller's and not complete, which is nearly always: its insert and pass go out right behind the
  // workflow's read, one round trip for all of them instead of two. If the read says otherwise, the
  // transaction is rolled back and the signal runs again, each step waiting for the one before.
  if (caller.kind === "client" && !nodeInput.clientId && !nodeInput.parentLinkId) {
    try {
      return await inTransaction(ctx, (t) => signalIn(t, caller, workflowId, nodeInput, key, caller.clientId));
    } catch (error) {
      if (!(error instanceof NotAsExpected)) throw error;
    }
  }
  return inTransaction(ctx, (t) => signalIn(t, caller, workflowId, nodeInput, key, null));
}

/** `expectedOwner`: send the insert before the workflow's read is back, with the node given to this client. */
async function signalIn(
  t: TxContext,
  caller: Caller,
  workflowId: string,
  nodeInput: Omit<NodeInput, "mode" | "type">,
  key: string | null,
  expectedOwner: string | null,
): Promise<NodeRecord> {
  const fields = normalizeNodeInput({ ...nodeInput, mode: "blocking", type: "decision" }, t.now);
  const reading = findWorkflow(t.tx, workflowId, "share");
  const ahead = expectedOwner !== null && fields.clientId === null && fields.parentLinkId === null;
  const sentAhead = ahead ? insertSignal(t, workflowId, fields, key, expectedOwner) : null;
  const workflow = await reading;
  if (sentAhead && (workflow?.clientId !== expectedOwner || workflow.complete)) throw new NotAsExpected();
  assertWorkflowVisible(caller, workflow, workflowId);
  if (!sentAhead) {
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
  }
  const { inserting, pass } =
    sentAhead ?? insertSignal(t, workflowId, fields, key, fields.clientId ?? workflow.clientId);
  const inserted = await inserting;
  // Run even for a repeat below: the take may have taken over a queued pass, which must not be lost.
  await runPassNow(t, { kind: "workflow", id: workflowId }, workflow, pass);
  // A call with the same key came first (a retry, or a concurrent call): its node is the answer.
  if (inserted.length === 0) return (await keyedResult(t.tx, workflowId, key, 1, inserted))[0]!;
  // The node as created, as the original answers a signal (its pass was asynchronous there).
  return inserted[0]!;
}

/**
 * The signal's node, and the workflow's pass right behind it: one round trip for both. A repeat is
 * found by its insert doing nothing (insert-nodes.ts): one statement less for every signal.
 */
function insertSignal(
  t: TxContext,
  workflowId: string,
  fields: NewNodeFields,
  key: string | null,
  clientId: string,
): { inserting: Promise<NodeRecord[]>; pass: TakenPass } {
  const inserting = insertNodes(
    t.tx,
    [
      {
        ...fields,
        clientId,
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
  inserting.catch(() => undefined); // the workflow's read may refuse first: then nobody awaits it
  return { inserting, pass: takePassNow(t, { kind: "workflow", id: workflowId }) };
}
