// A workflow's nodes by server status: errored statuses first, then by count (Workflow.statusCounts).
import { FAILED_SERVER_STATUSES } from "@backbeat/core";
import { scopeClause, type ReadScope } from "./read-scope.ts";
import { join, query, raw, sql, type Sql } from "../sql.ts";
import { statusLiteral } from "../status-sql.ts";

// Failed statuses first, in core's order.
const FAILED_FIRST = sql`CASE server_status ${join(
  FAILED_SERVER_STATUSES.map((s, i) => sql`WHEN ${statusLiteral(s)} THEN ${raw(String(i))}`),
  " ",
)} ELSE ${raw(String(FAILED_SERVER_STATUSES.length))} END`;

export type StatusCountRecord = { status: string; count: number };

/** A client counts only the nodes assigned to it. */
export function countWorkflowNodeStatuses(db: Sql, scope: ReadScope, workflowId: string): Promise<StatusCountRecord[]> {
  return query<StatusCountRecord>(
    db,
    sql`SELECT server_status AS status, count(*)::int AS count FROM nodes n WHERE n.workflow_id = ${workflowId}::uuid${scopeClause(scope, "n")}
    GROUP BY server_status
    ORDER BY ${FAILED_FIRST}, count(*) DESC, server_status`,
  );
}
