// The GraphQL operations the multi-process API tests use, as small helpers over gql().
import { ADMIN_TOKEN } from "./server-process.ts";
import { gql, type Json } from "./graphql-client.ts";

export const NODE_EVENTS = `subscription($w: ID, $after: ID) {
  nodeEvents(workflowId: $w, after: $after) { statusChange { id nodeId toStatus } } }`;
export const NODES_TO_RUN = `subscription($c: Int) { nodesToRun(concurrency: $c) { id clientStatus } }`;

/** A client without an activityEndpoint: its nodes are pulled (nodesToRun), never pushed. */
export async function createPullClient(url: string, name: string): Promise<{ id: string; token: string }> {
  const { createClient } = await gql(
    url,
    ADMIN_TOKEN,
    `mutation($input: CreateClientInput!) { createClient(input: $input) { token client { id } } }`,
    { input: { name } },
  );
  return { id: createClient.client.id as string, token: createClient.token as string };
}

/** Creates a workflow and signals it once; returns the signal node's id. */
export async function signalNewWorkflow(url: string, token: string, name: string): Promise<string> {
  const w = await gql(url, token, `mutation($i: CreateWorkflowInput!) { createWorkflow(input: $i) { id } }`, {
    i: { name, subject: { name } },
  });
  const s = await gql(
    url,
    token,
    `mutation($w: ID!) { signalWorkflow(workflowId: $w, input: { name: "go" }) { id } }`,
    {
      w: w.createWorkflow.id,
    },
  );
  return s.signalWorkflow.id as string;
}

export function report(url: string, token: string, nodeId: string, status: string): Promise<Json> {
  return gql(
    url,
    token,
    `mutation($n: ID!, $s: NodeStatusReport!) { reportNodeStatus(nodeId: $n, status: $s) { id } }`,
    {
      n: nodeId,
      s: status,
    },
  );
}

export async function serverStatus(url: string, token: string, nodeId: string): Promise<string> {
  return (await gql(url, token, `query($n: ID!) { node(id: $n) { serverStatus } }`, { n: nodeId })).node.serverStatus;
}
