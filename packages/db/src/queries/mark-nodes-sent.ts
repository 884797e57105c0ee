// StartNode's status change for many nodes at once (a pass that starts 1,000 children does it in
// one statement; more take a statement per 1,000, in-chunks.ts): started/ready → sent_to_client/received with a fresh deadline and attempt
// number, as a compare-and-set, with the two audit rows per node (server first).
import type { NodeRecord } from "@backbeat/core";
import { inChunks } from "../in-chunks.ts";
import { query, sql, type SqlTx } from "../sql.ts";
import { assertBulkTransitions } from "../status-sql.ts";
import { countTransitions } from "../transition-tally.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { RETURNING_STATUS_NOTIFY } from "./status-channel.ts";

// The table allows it; the WHERE clause below is the compare-and-set.
assertBulkTransitions("server", ["started"], "sent_to_client");
assertBulkTransitions("client", ["ready"], "received");

/** Nodes no longer started/ready (another engine got them) are left alone and not returned. */
export async function markNodesSent(
  tx: SqlTx,
  items: { id: string; completeBy: Date | null }[],
  now: Date,
): Promise<NodeRecord[]> {
  if (items.length === 0) return [];
  return inChunks(items, (chunk) => markChunkSent(tx, chunk, now));
}

async function markChunkSent(
  tx: SqlTx,
  items: { id: string; completeBy: Date | null }[],
  now: Date,
): Promise<NodeRecord[]> {
  const payload = JSON.stringify(items.map((i) => ({ id: i.id, complete_by: i.completeBy?.toISOString() ?? null })));
  // `id = ANY(…)` as well as the join: rows looked up by key (see complete-leaves.ts).
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`
    WITH v AS (SELECT * FROM jsonb_to_recordset(${payload}::jsonb) AS v(id uuid, complete_by timestamptz)),
    n AS (
      UPDATE nodes SET server_status = 'sent_to_client', client_status = 'received', complete_by = v.complete_by,
        attempt = nodes.attempt + 1, updated_at = ${now}
      FROM v WHERE nodes.id = ANY(${items.map((i) => i.id)}::uuid[]) AND nodes.id = v.id
        AND nodes.server_status = 'started' AND nodes.client_status = 'ready'
      RETURNING nodes.*),
    audit AS (
      INSERT INTO status_changes (node_id, workflow_id, status_type, from_status, to_status, created_at)
      SELECT n.id, n.workflow_id, s.type, s.from_status, s.to_status, ${now}
      FROM n, (VALUES (0, 'server', 'started', 'sent_to_client'), (1, 'client', 'ready', 'received')) AS s(ord, type, from_status, to_status)
      ORDER BY n.seq, s.ord
      ${RETURNING_STATUS_NOTIFY})
    SELECT ${NODE_COLUMNS} FROM n ORDER BY n.seq`,
  );
  countTransitions(tx, "server", "sent_to_client", rows.length);
  countTransitions(tx, "client", "received", rows.length);
  return rows.map(toNodeRecord);
}
