// GraphQL for the workflow list: workflows.graphql, typed by codegen (src/generated/graphql.ts).
import { WorkflowsDocument } from "@/generated/graphql";
import { gql } from "@/lib/graphql";

export type WorkflowSearch = {
  name?: string;
  subject?: string;
  currentStatus?: string;
  pastStatus?: string;
  statusStart?: string;
  statusEnd?: string;
};

export async function searchWorkflows(search: WorkflowSearch, after: string | undefined) {
  const { workflows, workflowNames } = await gql(WorkflowsDocument, { after: after ?? null, search });
  return { rows: workflows.edges.map((e) => e.node), pageInfo: workflows.pageInfo, names: workflowNames };
}
