// GraphQL for one workflow (workflow.graphql): its snapshot (every node, flat), its timeline, and one node in full.
import {
  ClientNamesDocument,
  NodeDetailDocument,
  StatusFeedPositionDocument,
  WorkflowNodeNamesDocument,
  WorkflowSnapshotDocument,
  WorkflowTimelinePageDocument,
  type NodeDetailQuery,
  type WorkflowHeaderFragment,
} from "@/generated/graphql";
import { gql } from "@/lib/graphql";
import type { StatusChangeItem, TreeNode } from "@/lib/tree-node";

export type WorkflowHeader = WorkflowHeaderFragment;

/** The workflow, and (for the tree) every node; the timeline tab needs only the header. */
export async function workflowSnapshot(
  id: string,
  withNodes: boolean,
): Promise<(WorkflowHeader & { nodes: TreeNode[] }) | null> {
  const { workflow } = await gql(WorkflowSnapshotDocument, { id, withNodes });
  return workflow ? { ...workflow, nodes: workflow.nodes ?? [] } : null;
}

/**
 * The status feed's position: every status change up to it is committed and readable. Read it BEFORE the
 * snapshot, and start the live stream after it: nothing is missed between the two.
 */
export async function statusFeedPosition(): Promise<string> {
  const { statusFeedPosition: position } = await gql(StatusFeedPositionDocument);
  return position;
}

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
  const names = await gql(WorkflowNodeNamesDocument, { id });
  const nameOf = new Map((names.workflow?.nodes ?? []).map((n) => [n.id, n.name]));
  let items: TimelineItem[] = [];
  let total = 0;
  for (let before: string | null = null; items.length < TIMELINE_LIMIT;) {
    const last = Math.min(PAGE, TIMELINE_LIMIT - items.length);
    const data = await gql(WorkflowTimelinePageDocument, { id, before, last });
    const page: StatusChangeItem[] = data.workflow?.latestStatusChanges ?? [];
    total = data.workflow?.statusChangeCount ?? 0;
    items = page.map((c) => ({ ...c, nodeName: nameOf.get(c.nodeId) ?? c.nodeId })).concat(items);
    if (page.length < last) break;
    before = page[0]!.id;
  }
  return { items, total };
}

export type NodeDetail = NonNullable<NodeDetailQuery["node"]>;

export async function nodeDetail(id: string): Promise<NodeDetail | null> {
  const { node } = await gql(NodeDetailDocument, { id });
  return node;
}

/** Client names by id, to say who made a change ("client shop" rather than its id). */
export async function clientNames(): Promise<Record<string, string>> {
  const { clients } = await gql(ClientNamesDocument);
  return Object.fromEntries(clients.map((c) => [c.id, c.name]));
}
