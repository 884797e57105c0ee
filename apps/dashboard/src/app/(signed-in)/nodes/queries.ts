// GraphQL for the node search and the bulk preview: nodes.graphql, typed by codegen (src/generated/graphql.ts).
import { BulkPreviewDocument, NodesDocument, type NodeRowFragment } from "@/generated/graphql";
import { gql } from "@/lib/graphql";

export type NodeSearch = {
  name?: string;
  metadata?: string;
  currentStatus?: string;
  pastStatus?: string;
  statusStart?: string;
  statusEnd?: string;
  workflowId?: string;
};

export type NodeRow = NodeRowFragment;

export async function searchNodes(search: NodeSearch, after: string | undefined) {
  const { nodes } = await gql(NodesDocument, { after: after ?? null, search });
  return { rows: nodes.edges.map((e) => e.node), pageInfo: nodes.pageInfo };
}

export type BulkActionName = "RETRY" | "CANCEL";

export async function bulkPreview(action: BulkActionName, search: NodeSearch) {
  const { bulkPreview } = await gql(BulkPreviewDocument, { action, search });
  return bulkPreview;
}
