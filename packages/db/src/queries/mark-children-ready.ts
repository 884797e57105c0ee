// MarkChildrenReady (reference §3.4): every non-deactivated child of a node, pending/pending,
// becomes ready/ready, with its two audit rows (server first, as the original passed them).
import { InvalidTransitionError } from "@backbeat/core";
import { query, sql, type SqlTx } from "../sql.ts";

export async function markChildrenReady(tx: SqlTx, parentId: string, now: Date, actor = "engine"): Promise<number> {
  const blocked = await query<{ server_status: string; client_status: string }>(tx, sql`
    SELECT server_status, client_status FROM nodes
    WHERE parent_id = ${parentId}::uuid AND server_status <> 'deactivated'
      AND NOT (server_status = 'pending' AND client_status = 'pending')
    LIMIT 1`);
  const first = blocked[0];
  if (first) {
    const [type, current] = first.server_status !== "pending" ? (["server", first.server_status] as const) : (["client", first.client_status] as const);
    throw new InvalidTransitionError(type, current, "ready", `A child of ${parentId} is ${current}, not pending: it cannot be made ready`);
  }
  const rows = await query<{ count: bigint }>(tx, sql`
    WITH n AS (
      UPDATE nodes SET server_status = 'ready', client_status = 'ready', updated_at = ${now}
      WHERE parent_id = ${parentId}::uuid AND server_status = 'pending' AND client_status = 'pending'
      RETURNING id, workflow_id, seq),
    audit AS (
      INSERT INTO status_changes (node_id, workflow_id, status_type, from_status, to_status, actor, created_at)
      SELECT n.id, n.workflow_id, s.type, 'pending', 'ready', ${actor}, ${now}
      FROM n, (VALUES (0, 'server'), (1, 'client')) AS s(ord, type) ORDER BY n.seq, s.ord)
    SELECT count(*) AS count FROM n`);
  return Number(rows[0]?.count ?? 0);
}
