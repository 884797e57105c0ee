// GraphQL for the workflow list.
import { gql } from "@/lib/graphql";

export type StatusCount = { status: string; count: number };

export type WorkflowRow = {
  id: string;
  name: string;
  subject: unknown;
  createdAt: string;
  paused: boolean;
  complete: boolean;
  client: { name: string };
  statusCounts: StatusCount[];
};

export type WorkflowSearch = {
  name?: string;
  subject?: string;
  currentStatus?: string;
  pastStatus?: string;
  statusStart?: string;
  statusEnd?: string;
};

export const PAGE_SIZE = 25;

// `first` is a literal: the server's cost limit assumes the largest page for a variable.
const WORKFLOWS = /* GraphQL */ `
  query Workflows($after: String, $search: WorkflowSearch) {
    workflows(first: ${PAGE_SIZE}, after: $after, search: $search) {
      edges {
        node {
          id
          name
          subject
          createdAt
          paused
          complete
          client { name }
          statusCounts { status count }
        }
      }
      pageInfo { endCursor hasNextPage }
    }
    workflowNames
  }
`;

export async function searchWorkflows(search: WorkflowSearch, after: string | undefined) {
  const { workflows, workflowNames } = await gql<{
    workflows: { edges: { node: WorkflowRow }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
    workflowNames: string[];
  }>(WORKFLOWS, { after: after ?? null, search });
  return { rows: workflows.edges.map((e) => e.node), pageInfo: workflows.pageInfo, names: workflowNames };
}
