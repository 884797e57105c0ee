// GraphQL for the node search and the bulk preview.
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

export type NodeRow = {
  id: string;
  name: string;
  workflowId: string;
  workflow: { name: string };
  serverStatus: string;
  clientStatus: string;
  retriesRemaining: number;
  attempt: number;
  updatedAt: string;
};

const ROW_FIELDS = `id name workflowId workflow { name } serverStatus clientStatus retriesRemaining attempt updatedAt`;

export const PAGE_SIZE = 50;

// `first` is a literal: the server's cost limit assumes the largest page for a variable.
const NODES = /* GraphQL */ `
  query Nodes($after: String, $search: NodeSearch) {
    nodes(first: ${PAGE_SIZE}, after: $after, search: $search) {
      edges { node { ${ROW_FIELDS} } }
      pageInfo { endCursor hasNextPage }
    }
  }
`;

export async function searchNodes(search: NodeSearch, after: string | undefined) {
  const { nodes } = await gql<{
    nodes: { edges: { node: NodeRow }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
  }>(NODES, { after: after ?? null, search });
  return { rows: nodes.edges.map((e) => e.node), pageInfo: nodes.pageInfo };
}

export type BulkActionName = "RETRY" | "CANCEL";

const PREVIEW = /* GraphQL */ `
  query BulkPreview($action: BulkAction!, $search: NodeSearch) {
    bulkPreview(action: $action, search: $search) { count sample { ${ROW_FIELDS} } }
  }
`;

export async function bulkPreview(action: BulkActionName, search: NodeSearch) {
  const { bulkPreview } = await gql<{ bulkPreview: { count: number; sample: NodeRow[] } }>(PREVIEW, { action, search });
  return bulkPreview;
}
