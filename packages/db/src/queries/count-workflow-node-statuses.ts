// A workflow's nodes by server status: errored statuses first, then by count (Workflow.statusCounts).
import { scopeClause, type ReadScope } from "./read-scope.ts";
import { query, sql, type Sql } from "../sql.ts";

export type StatusCountRecord = { status: string; count: number };

/** A client counts only the nodes assigned to it. */
export function countWorkflowNodeStatuses(db: Sql, scope: ReadScope, workflowId: string): Promise<StatusCountRecord[]> {
  return query<StatusCountRecord>(
    db,
    sql`SELECT server_status AS status, count(*)::int AS count FROM nodes n WHERE n.workflow_id = ${workflowId}::uuid${scopeClause(scope, "n")}
    GROUP BY server_status
    ORDER BY CASE server_status WHEN 'errored' THEN 0 WHEN 'retries_exhausted' THEN 1 ELSE 2 END, count(*) DESC, server_status`,
  );
}
