// The audit log between two positions, for a subscriber that resumes: one workflow's changes (or
// all of them), limited to the nodes a client may see, oldest first.
import { empty, query, sql, type Sql } from "../sql.ts";
import { STATUS_CHANGE_COLUMNS } from "./node-history.ts";
import { scopeClause, type ReadScope } from "./read-scope.ts";
import type { FeedRow } from "./tail-status-changes.ts";

export async function replayStatusChanges(
  db: Sql,
  scope: ReadScope,
  workflowId: string | null,
  range: { after: bigint; upTo: bigint },
  limit: number,
): Promise<FeedRow[]> {
  const workflow = workflowId ? sql` AND sc.workflow_id = ${workflowId}::uuid` : empty;
  const rows = await query<FeedRow>(
    db,
    sql`
    SELECT ${STATUS_CHANGE_COLUMNS}, n.client_id::text AS "clientId"
    FROM status_changes sc JOIN nodes n ON n.id = sc.node_id
    WHERE sc.id > ${range.after.toString()}::bigint AND sc.id <= ${range.upTo.toString()}::bigint${workflow}${scopeClause(scope, "n")}
    ORDER BY sc.id LIMIT ${limit}`,
  );
  return rows;
}
