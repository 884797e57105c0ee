// MarkChildrenReady (reference §3.4): every non-deactivated child of a node, pending/pending,
// becomes ready/ready, with its two audit rows (server first, as the original passed them).
// One statement: it is on the path of every completed node, most of which have no children.
import { InvalidTransitionError } from "@backbeat/core";
import { query, sql, type SqlTx } from "../sql.ts";
import { assertBulkTransitions } from "../status-sql.ts";
import { countTransitions } from "../transition-tally.ts";
import { RETURNING_STATUS_NOTIFY } from "./status-channel.ts";

// The table allows it; the WHERE clause below is the compare-and-set.
assertBulkTransitions("server", ["pending"], "ready");
assertBulkTransitions("client", ["pending"], "ready");

export async function markChildrenReady(tx: SqlTx, parentId: string, now: Date, actor = "engine"): Promise<number> {
  const [row] = await query<{ server: string | null; client: string | null; count: bigint }>(
    tx,
    sql`
    WITH blocked AS (
      SELECT server_status, client_status FROM nodes
      WHERE parent_id = ${parentId}::uuid AND server_status <> 'deactivated'
        AND NOT (server_status = 'pending' AND client_status = 'pending')
      LIMIT 1),
    n AS (
      UPDATE nodes SET server_status = 'ready', client_status = 'ready', updated_at = ${now}
      WHERE parent_id = ${parentId}::uuid AND server_status = 'pending' AND client_status = 'pending'
        AND NOT EXISTS (SELECT 1 FROM blocked)
      RETURNING id, workflow_id, seq),
    audit AS (
      INSERT INTO status_changes (node_id, workflow_id, status_type, from_status, to_status, actor, created_at)
      SELECT n.id, n.workflow_id, s.type, 'pending', 'ready', ${actor}, ${now}
      FROM n, (VALUES (0, 'server'), (1, 'client')) AS s(ord, type) ORDER BY n.seq, s.ord
      ${RETURNING_STATUS_NOTIFY})
    SELECT (SELECT server_status FROM blocked) AS server, (SELECT client_status FROM blocked) AS client,
      (SELECT count(*) FROM n) AS count`,
  );
  if (row?.server) {
    // A child in any other state cannot be made ready: nothing was written (reference §3.4).
    const [type, current] =
      row.server !== "pending" ? (["server", row.server] as const) : (["client", row.client!] as const);
    throw new InvalidTransitionError(
      type,
      current,
      "ready",
      `A child of ${parentId} is ${current}, not pending: it cannot be made ready`,
    );
  }
  const count = Number(row?.count ?? 0);
  countTransitions(tx, "server", "ready", count);
  countTransitions(tx, "client", "ready", count);
  return count;
}
