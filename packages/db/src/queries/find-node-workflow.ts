// A node's workflow for whoever reads the node: an operator always, a client when the node is its
// own and the workflow is its own or delegated to it (delegation.ts).
import type { WorkflowRecord } from "@backbeat/core";
import { empty, query, sql, type Sql } from "../sql.ts";
import { NODE_CLIENT_SEES_WORKFLOW } from "./delegation.ts";
import type { ReadScope } from "./read-scope.ts";
import { WORKFLOW_COLUMNS, toWorkflowRecord } from "./workflow-row.ts";

export async function findNodeWorkflow(db: Sql, scope: ReadScope, nodeId: string): Promise<WorkflowRecord | null> {
  const visible =
    scope.clientId === null ? empty : sql` AND n.client_id = ${scope.clientId}::uuid AND ${NODE_CLIENT_SEES_WORKFLOW}`;
  const rows = await query<Record<string, unknown>>(
    db,
    sql`
    SELECT ${WORKFLOW_COLUMNS} FROM nodes n JOIN workflows w ON w.id = n.workflow_id WHERE n.id = ${nodeId}::uuid${visible}`,
  );
  return rows[0] ? toWorkflowRecord(rows[0]) : null;
}
