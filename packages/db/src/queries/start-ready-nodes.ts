// The pass's compare-and-set ready → started for several children at once (a statement per 1,000,
// in-chunks.ts). A child that is no longer ready (another pass got it) is simply not returned: it is
// started exactly once.
import type { NodeRecord } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { inChunks } from "../in-chunks.ts";
import { query, sql, type SqlTx } from "../sql.ts";
import { assertBulkTransitions } from "../status-sql.ts";
import { countTransitions } from "../transition-tally.ts";
import { RETURNING_STATUS_NOTIFY } from "./status-channel.ts";

// The table allows it; the WHERE clause below is the compare-and-set.
assertBulkTransitions("server", ["ready"], "started");

export async function startReadyNodes(tx: SqlTx, ids: string[], now: Date): Promise<NodeRecord[]> {
  if (ids.length === 0) return [];
  return inChunks(ids, (chunk) => startChunk(tx, chunk, now));
}

async function startChunk(tx: SqlTx, ids: string[], now: Date): Promise<NodeRecord[]> {
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`
    WITH n AS (
      UPDATE nodes SET server_status = 'started', updated_at = ${now}
      WHERE id = ANY(${ids}::uuid[]) AND server_status = 'ready'
      RETURNING *),
    audit AS (
      INSERT INTO status_changes (node_id, workflow_id, status_type, from_status, to_status, created_at)
      SELECT n.id, n.workflow_id, 'server', 'ready', 'started', ${now} FROM n ORDER BY n.seq
      ${RETURNING_STATUS_NOTIFY})
    SELECT ${NODE_COLUMNS} FROM n ORDER BY n.seq`,
  );
  countTransitions(tx, "server", "started", rows.length);
  return rows.map(toNodeRecord);
}
