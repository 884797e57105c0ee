// GraphQL for one workflow: its snapshot (every node, flat), its timeline, and one node in full.
import { gql } from "@/lib/graphql";
import { compareIds, STATUS_CHANGE_FIELDS, TREE_NODE_FIELDS, type StatusChangeItem, type TreeNode } from "@/lib/tree-node";

export type WorkflowHeader = {
  id: string;
  name: string;
  subject: unknown;
  decider: string;
  paused: boolean;
  complete: boolean;
  createdAt: string;
  client: { id: string; name: string };
};

const WORKFLOW_FIELDS = `id name subject decider paused complete createdAt client { id name }`;

const SNAPSHOT = /* GraphQL */ `
  query WorkflowSnapshot($id: ID!, $withNodes: Boolean!) {
    workflow(id: $id) {
      ${WORKFLOW_FIELDS}
      nodes @include(if: $withNodes) { ${TREE_NODE_FIELDS} }
    }
  }
`;

/** The workflow, and (for the tree) every node; the timeline tab needs only the header. */
export async function workflowSnapshot(id: string, withNodes: boolean) {
  const { workflow } = await gql<{ workflow: (WorkflowHeader & { nodes?: TreeNode[] }) | null }>(SNAPSHOT, {
    id,
    withNodes,
  });
  return workflow ? { ...workflow, nodes: workflow.nodes ?? [] } : null;
}

const TIMELINE = /* GraphQL */ `
  query WorkflowTimeline($id: ID!) {
    workflow(id: $id) {
      nodes { id name statusChanges { ${STATUS_CHANGE_FIELDS} } }
    }
  }
`;

export type TimelineItem = StatusChangeItem & { nodeName: string };

/** The timeline shows at most this many changes (the newest); the tree is the place to browse big workflows. */
export const TIMELINE_LIMIT = 5_000;

/** The newest TIMELINE_LIMIT status changes of the workflow's nodes, oldest first, and how many there are. */
export async function workflowTimeline(id: string): Promise<{ items: TimelineItem[]; total: number }> {
  const { workflow } = await gql<{
    workflow: { nodes: { id: string; name: string; statusChanges: StatusChangeItem[] }[] } | null;
  }>(TIMELINE, { id });
  const items = (workflow?.nodes ?? []).flatMap((n) => n.statusChanges.map((c) => ({ ...c, nodeName: n.name })));
  items.sort((a, b) => compareIds(a.id, b.id));
  return { items: items.slice(-TIMELINE_LIMIT), total: items.length };
}

export type Blocker = { code: string; message: string; until: string | null; nodeIds: string[] };

export type NodeDetail = TreeNode & {
  clientId: string;
  workflowId: string;
  parentLinkId: string | null;
  retryInterval: number;
  clientData: unknown;
  metadata: unknown;
  response: unknown;
  errors: (StatusChangeItem & { response: unknown })[];
  statusChanges: (StatusChangeItem & { response: unknown })[];
  whyNotRunning: Blocker[];
};

const NODE = /* GraphQL */ `
  query NodeDetail($id: ID!) {
    node(id: $id) {
      ${TREE_NODE_FIELDS}
      clientId
      workflowId
      parentLinkId
      retryInterval
      clientData
      metadata
      response
      errors { ${STATUS_CHANGE_FIELDS} response }
      statusChanges { ${STATUS_CHANGE_FIELDS} response }
      whyNotRunning { code message until nodeIds }
    }
  }
`;

export async function nodeDetail(id: string): Promise<NodeDetail | null> {
  const { node } = await gql<{ node: NodeDetail | null }>(NODE, { id });
  return node;
}

/** Client names by id, to say who made a change ("client shop" rather than its id). */
export async function clientNames(): Promise<Record<string, string>> {
  const { clients } = await gql<{ clients: { id: string; name: string }[] }>(`query ClientNames { clients { id name } }`);
  return Object.fromEntries(clients.map((c) => [c.id, c.name]));
}
