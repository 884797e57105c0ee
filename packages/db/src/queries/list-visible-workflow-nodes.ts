// Every node of a workflow in creation order, optionally with a given server and/or client status.
// A client sees only the nodes assigned to it.
import type { ClientStatus, NodeRecord, ServerStatus } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { scopeClause, type ReadScope } from "./read-scope.ts";
import { empty, query, sql, type Sql } from "../sql.ts";

export type WorkflowNodesFilter = { serverStatus?: ServerStatus | null; clientStatus?: ClientStatus | null };

export async function listVisibleWorkflowNodes(
  db: Sql,
  scope: ReadScope,
  workflowId: string,
  filter: WorkflowNodesFilter = {},
): Promise<NodeRecord[]> {
  const server = filter.serverStatus ? sql` AND n.server_status = ${filter.serverStatus}` : empty;
  const client = filter.clientStatus ? sql` AND n.client_status = ${filter.clientStatus}` : empty;
  const rows = await query<Record<string, unknown>>(
    db,
    sql`
    SELECT ${NODE_COLUMNS} FROM nodes n
    WHERE n.workflow_id = ${workflowId}::uuid${server}${client}${scopeClause(scope, "n")}
    ORDER BY n.seq`,
  );
  return rows.map(toNodeRecord);
}
