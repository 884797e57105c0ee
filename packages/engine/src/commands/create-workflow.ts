// Find-or-create a workflow by (client, name, subject); decider is a label that defaults to the name.
import { assertJsonSize, assertName, assertUuid, BadInputError, type WorkflowRecord } from "@backbeat/core";
import { findOrCreateWorkflow } from "@backbeat/db";
import type { Caller } from "../caller.ts";
import type { EngineContext } from "../context.ts";
import { inTransaction } from "../transaction.ts";

export type CreateWorkflowInput = {
  name: string;
  subject: unknown;
  decider?: string | null;
  /** Operators only: the client that owns the workflow. */
  clientId?: string | null;
};

export async function createWorkflow(
  ctx: EngineContext,
  caller: Caller,
  input: CreateWorkflowInput,
): Promise<WorkflowRecord> {
  assertName(input.name);
  if (input.decider != null) assertName(input.decider, "decider");
  if (input.subject === undefined) throw new BadInputError("subject is required");
  assertJsonSize(input.subject, "subject");
  const clientId = caller.kind === "client" ? caller.clientId : input.clientId;
  if (!clientId) throw new BadInputError("clientId is required when an operator creates a workflow");
  assertUuid(clientId, "clientId");
  const { workflow } = await inTransaction(ctx, (t) =>
    findOrCreateWorkflow(
      t.tx,
      { clientId, name: input.name, subject: input.subject, decider: input.decider ?? input.name },
      t.now,
    ),
  );
  return workflow;
}
