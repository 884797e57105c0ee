// A pass's due children in one statement (a statement per 1,000, in-chunks.ts): ready → started →
// sent_to_client, client ready → received, with a fresh deadline and attempt number, as one
// compare-and-set with the three audit rows per node in the order the two steps write them
// (start-ready-nodes.ts, then mark-nodes-sent.ts). One UPDATE instead of two: each rewrites the
// row and its index entries. A node no longer ready (another pass got it) is left alone and not returned.
import type { NodeRecord } from "@backbeat/core";
import { inChunks } from "../in-chunks.ts";
import { query, sql, type SqlTx } from "../sql.ts";
import { assertBulkTransitions } from "../status-sql.ts";
import { countTransitions } from "../transition-tally.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { RETURNING_STATUS_NOTIFY } from "./status-channel.ts";

// The table allows each step; the WHERE clause below is the compare-and-set.
assertBulkTransitions("server", ["ready"], "started");
assertBulkTransitions("server", ["started"], "sent_to_client");
assertBulkTransitions("client", ["ready"], "received");

export async function sendReadyNodes(
  tx: SqlTx,
  items: { id: string; completeBy: Date | null }[],
  now: Date,
): Promise<NodeRecord[]> {
  if (items.length === 0) return [];
  return inChunks(items, (chunk) => sendChunk(tx, chunk, now));
}

async function sendChunk(tx: SqlTx, items: { id: string; completeBy: Date | null }[], now: Date) {
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
        AND nodes.server_status = 'ready' AND nodes.client_status = 'ready'
      RETURNING nodes.*),
    audit AS (
      INSERT INTO status_changes (node_id, workflow_id, status_type, from_status, to_status, created_at)
      SELECT n.id, n.workflow_id, s.type, s.from_status, s.to_status, ${now}
      FROM n, (VALUES (0, 'server', 'ready', 'started'), (1, 'server', 'started', 'sent_to_client'),
        (2, 'client', 'ready', 'received')) AS s(ord, type, from_status, to_status)
      ORDER BY n.seq, s.ord
      ${RETURNING_STATUS_NOTIFY})
    SELECT ${NODE_COLUMNS} FROM n ORDER BY n.seq`,
  );
  countTransitions(tx, "server", "started", rows.length);
  countTransitions(tx, "server", "sent_to_client", rows.length);
  countTransitions(tx, "client", "received", rows.length);
  return rows.map(toNodeRecord);
}
