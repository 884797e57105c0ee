// GraphQL for one workflow: its snapshot (every node, flat), its timeline, and one node in full.
import { gql } from "@/lib/graphql";
import { STATUS_CHANGE_FIELDS, TREE_NODE_FIELDS, type StatusChangeItem, type TreeNode } from "@/lib/tree-node";

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

/**
 * The status feed's position: every status change up to it is committed and readable. Read it BEFORE the
 * snapshot, and start the live stream after it: nothing is missed between the two.
 */
export async function statusFeedPosition(): Promise<string> {
  const { statusFeedPosition: position } = await gql<{ statusFeedPosition: string }>(
    `query StatusFeedPosition { statusFeedPosition }`,
  );
  return position;
}

const NODE_NAMES = /* GraphQL */ `
  query WorkflowNodeNames($id: ID!) {
    workflow(id: $id) {
      nodes {
        id
        name
      }
    }
  }
`;

const TIMELINE_PAGE = /* GraphQL */ `
  query WorkflowTimelinePage($id: ID!, $before: ID, $last: Int!) {
    workflow(id: $id) {
      statusChangeCount
      latestStatusChanges(before: $before, last: $last) { ${STATUS_CHANGE_FIELDS} }
    }
  }
`;

export type TimelineItem = StatusChangeItem & { nodeName: string };

/** The timeline shows at most this many changes (the newest); the tree is the place to browse big workflows. */
export const TIMELINE_LIMIT = 5_000;
/** The server's largest page of Workflow.latestStatusChanges. */
const PAGE = 1_000;

/**
 * The newest TIMELINE_LIMIT status changes of the workflow's nodes, oldest first, and how many there are:
 * read backwards from the newest in pages (one indexed read each), the node names in one more query.
 */
export async function workflowTimeline(id: string): Promise<{ items: TimelineItem[]; total: number }> {
  const names = await gql<{ workflow: { nodes: { id: string; name: string }[] } | null }>(NODE_NAMES, { id });
  const nameOf = new Map((names.workflow?.nodes ?? []).map((n) => [n.id, n.name]));
  type Page = { workflow: { statusChangeCount: number; latestStatusChanges: StatusChangeItem[] } | null };
  let items: TimelineItem[] = [];
  let total = 0;
  for (let before: string | null = null; items.length < TIMELINE_LIMIT;) {
    const last = Math.min(PAGE, TIMELINE_LIMIT - items.length);
    const data: Page = await gql<Page>(TIMELINE_PAGE, { id, before, last });
    const page: StatusChangeItem[] = data.workflow?.latestStatusChanges ?? [];
    total = data.workflow?.statusChangeCount ?? 0;
    items = page.map((c) => ({ ...c, nodeName: nameOf.get(c.nodeId) ?? c.nodeId })).concat(items);
    if (page.length < last) break;
    before = page[0]!.id;
  }
  return { items, total };
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
  const { clients } = await gql<{ clients: { id: string; name: string }[] }>(
    `query ClientNames { clients { id name } }`,
  );
  return Object.fromEntries(clients.map((c) => [c.id, c.name]));
}
