"use server";
// Operator actions on a workflow and on its nodes. Each calls one mutation with the session token; the server
// checks the role and the transition (a refusal comes back as a message in words), then the page revalidates.
import { revalidatePath } from "next/cache";
import {
  CompleteWorkflowDocument,
  PauseWorkflowDocument,
  ReportNodeDocument,
  ResetNodeDocument,
  RestartNodeDocument,
  ResumeWorkflowDocument,
  ScheduleNodeDocument,
  type NodeActionResultFragment,
} from "@/generated/graphql";
import { toActionResult, type ActionResult } from "@/lib/action-result";
import { formString } from "@/lib/form";
import { gql } from "@/lib/graphql";
import { words } from "@/lib/graphql-error";
import { actionStateKey } from "./node-action-texts";

const WORKFLOW_MUTATIONS = {
  pause: { document: PauseWorkflowDocument, done: "Workflow paused." },
  resume: { document: ResumeWorkflowDocument, done: "Workflow resumed." },
  complete: { document: CompleteWorkflowDocument, done: "Workflow marked complete." },
} as const;

export async function workflowAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const op = formString(form, "op");
  const workflowId = formString(form, "workflowId");
  return toActionResult(async () => {
    if (!(op in WORKFLOW_MUTATIONS)) throw new Error(`Unknown workflow action "${op}"`);
    const { document, done } = WORKFLOW_MUTATIONS[op as keyof typeof WORKFLOW_MUTATIONS];
    await gql(document, { id: workflowId });
    revalidatePath(`/workflows/${workflowId}`);
    return done;
  });
}

/** Each node action: its mutation and what it says when it worked. */
const NODE_MUTATIONS: Record<
  string,
  { run: (id: string) => Promise<{ result: NodeActionResultFragment }>; done: string }
> = {
  restart: { run: (id) => gql(RestartNodeDocument, { id }), done: "Node restarted" },
  reset: { run: (id) => gql(ResetNodeDocument, { id }), done: "Node reset" },
  schedule: { run: (id) => gql(ScheduleNodeDocument, { id }), done: "Next-node pass scheduled" },
  resolve: { run: (id) => gql(ReportNodeDocument, { id, status: "RESOLVED" }), done: "Node resolved" },
  shutdown: { run: (id) => gql(ReportNodeDocument, { id, status: "SHUTDOWN" }), done: "Node shut down" },
  cancel: { run: (id) => gql(ReportNodeDocument, { id, status: "CANCELED" }), done: "Node canceled" },
};

/**
 * The form carries `stateKey` (the node's allowed actions as the operator saw them): a refusal is about that
 * state; a success is about the state the node is in after the mutation. Either is hidden once the node moves on.
 */
export async function nodeAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const op = formString(form, "op");
  const nodeId = formString(form, "nodeId");
  const workflowId = formString(form, "workflowId");
  return toActionResult(
    async () => {
      const mutation = NODE_MUTATIONS[op];
      if (!mutation) throw new Error(`Unknown node action "${op}"`);
      const { result } = await mutation.run(nodeId);
      revalidatePath(`/workflows/${workflowId}`);
      return {
        message: `${mutation.done}: now ${words(result.serverStatus)} (server) / ${words(result.clientStatus)} (client).`,
        stateKey: actionStateKey(result.allowedActions),
      };
    },
    formString(form, "stateKey"),
  );
}
