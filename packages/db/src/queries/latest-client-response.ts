// The response recorded with a node's most recent client-status change that a client or operator
// made (e.g. the result reported with `completed`): the audit log is where responses are kept.
// The engine's own changes (readied, retried) carry no response, so they are skipped.
import { query, sql, type Sql } from "../sql.ts";

export async function findLatestClientResponse(db: Sql, nodeId: string): Promise<{ response: unknown } | null> {
  const rows = await query<{ response: unknown }>(
    db,
    sql`
    SELECT sc.response FROM status_changes sc
    WHERE sc.node_id = ${nodeId}::uuid AND sc.status_type = 'client' AND sc.actor <> 'engine'
    ORDER BY sc.id DESC LIMIT 1`,
  );
  return rows[0] ?? null;
}
