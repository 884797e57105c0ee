// A node's audit log, oldest first (all of it, or only the changes to one status, e.g. errored).
// Ids are bigint in the table; they leave here as text, which is what GraphQL's ID carries.
import { empty, query, raw, sql, type Sql } from "../sql.ts";

export type StatusChangeView = {
  id: string;
  nodeId: string;
  workflowId: string;
  statusType: "server" | "client";
  fromStatus: string;
  toStatus: string;
  response: unknown;
  actor: string;
  createdAt: Date;
};

export const STATUS_CHANGE_COLUMNS =
  raw(`sc.id::text AS id, sc.node_id::text AS "nodeId", sc.workflow_id::text AS "workflowId",
  sc.status_type AS "statusType", sc.from_status AS "fromStatus", sc.to_status AS "toStatus", sc.response, sc.actor,
  sc.created_at AS "createdAt"`);

export function listNodeHistory(db: Sql, nodeId: string, toStatus?: string): Promise<StatusChangeView[]> {
  const to = toStatus ? sql` AND sc.to_status = ${toStatus}` : empty;
  return query<StatusChangeView>(
    db,
    sql`
    SELECT ${STATUS_CHANGE_COLUMNS} FROM status_changes sc WHERE sc.node_id = ${nodeId}::uuid${to} ORDER BY sc.id`,
  );
}
