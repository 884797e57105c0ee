"use server";
// Operator actions on a workflow and on its nodes. Each calls one mutation with the session token; the server
// checks the role and the transition (a refusal comes back as a message in words), then the page revalidates.
import { revalidatePath } from "next/cache";
import { toActionResult, type ActionResult } from "@/lib/action-result";
import { formString } from "@/lib/form";
import { gql } from "@/lib/graphql";
import { words } from "@/lib/graphql-error";

const WORKFLOW_MUTATIONS = {
  pause: { field: "pauseWorkflow", done: "Workflow paused." },
  resume: { field: "resumeWorkflow", done: "Workflow resumed." },
  complete: { field: "completeWorkflow", done: "Workflow marked complete." },
} as const;

export async function workflowAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const op = formString(form, "op");
  const workflowId = formString(form, "workflowId");
  return toActionResult(async () => {
    if (!(op in WORKFLOW_MUTATIONS)) throw new Error(`Unknown workflow action "${op}"`);
    const { field, done } = WORKFLOW_MUTATIONS[op as keyof typeof WORKFLOW_MUTATIONS];
    await gql(`mutation WorkflowAction($id: ID!) { ${field}(id: $id) { id paused complete } }`, { id: workflowId });
    revalidatePath(`/workflows/${workflowId}`);
    return done;
  });
}

type NodeState = { id: string; serverStatus: string; clientStatus: string };
const NODE_STATE = `id serverStatus clientStatus`;

/** Each node action: the mutation (with its variables) and what it says when it worked. */
const NODE_MUTATIONS: Record<string, { query: string; extra?: Record<string, string>; done: string }> = {
  restart: {
    query: `mutation Restart($id: ID!) { result: restartNode(id: $id) { ${NODE_STATE} } }`,
    done: "Node restarted",
  },
  reset: { query: `mutation Reset($id: ID!) { result: resetNode(id: $id) { ${NODE_STATE} } }`, done: "Node reset" },
  schedule: {
    query: `mutation Schedule($id: ID!) { result: scheduleNode(id: $id) { ${NODE_STATE} } }`,
    done: "Next-node pass scheduled",
  },
  resolve: reportMutation("RESOLVED", "Node resolved"),
  shutdown: reportMutation("SHUTDOWN", "Node shut down"),
  cancel: reportMutation("CANCELED", "Node canceled"),
};

function reportMutation(status: string, done: string) {
  return {
    query: `mutation Report($id: ID!, $status: NodeStatusReport!) { result: reportNodeStatus(nodeId: $id, status: $status) { ${NODE_STATE} } }`,
    extra: { status },
    done,
  };
}

export async function nodeAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const op = formString(form, "op");
  const nodeId = formString(form, "nodeId");
  const workflowId = formString(form, "workflowId");
  return toActionResult(async () => {
    const mutation = NODE_MUTATIONS[op];
    if (!mutation) throw new Error(`Unknown node action "${op}"`);
    const { result } = await gql<{ result: NodeState }>(mutation.query, { id: nodeId, ...mutation.extra });
    revalidatePath(`/workflows/${workflowId}`);
    return `${mutation.done}: now ${words(result.serverStatus)} (server) / ${words(result.clientStatus)} (client).`;
  });
}
