// The newest status changes of one workflow before a position (the dashboard's timeline reads its
// newest changes page by page, backwards), limited to what the reader may see, returned oldest first;
// and how many changes it has in all.
import { empty, query, sql, type Sql } from "../sql.ts";
import { STATUS_CHANGE_COLUMNS, type StatusChangeView } from "./node-history.ts";
import { scopeClause, type ReadScope } from "./read-scope.ts";

export async function latestWorkflowStatusChanges(
  db: Sql,
  scope: ReadScope,
  workflowId: string,
  before: bigint | null,
  limit: number,
): Promise<StatusChangeView[]> {
  const position = before === null ? empty : sql` AND sc.id < ${before.toString()}::bigint`;
  const rows = await query<StatusChangeView>(
    db,
    sql`
    SELECT ${STATUS_CHANGE_COLUMNS}
    FROM status_changes sc JOIN nodes n ON n.id = sc.node_id
    WHERE sc.workflow_id = ${workflowId}::uuid${position}${scopeClause(scope, "n")}
    ORDER BY sc.id DESC LIMIT ${limit}`,
  );
  return rows.reverse();
}

export async function countWorkflowStatusChanges(db: Sql, scope: ReadScope, workflowId: string): Promise<number> {
  const [row] = await query<{ count: string }>(
    db,
    sql`
    SELECT count(*)::text AS count
    FROM status_changes sc JOIN nodes n ON n.id = sc.node_id
    WHERE sc.workflow_id = ${workflowId}::uuid${scopeClause(scope, "n")}`,
  );
  return Number(row?.count ?? 0);
}
