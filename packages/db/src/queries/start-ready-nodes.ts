// The pass's compare-and-set ready → started for several children at once. A child that is no
// longer ready (another pass got it) is simply not returned: it is started exactly once.
import type { NodeRecord } from "@backbeat/core";
import type { Tx } from "../client.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";

export async function startReadyNodes(tx: Tx, ids: string[], now: Date): Promise<NodeRecord[]> {
  if (ids.length === 0) return [];
  const rows = await tx.$queryRaw<Record<string, unknown>[]>`
    WITH n AS (
      UPDATE nodes SET server_status = 'started', updated_at = ${now}
      WHERE id = ANY(${ids}::uuid[]) AND server_status = 'ready'
      RETURNING *),
    audit AS (
      INSERT INTO status_changes (node_id, workflow_id, status_type, from_status, to_status, created_at)
      SELECT n.id, n.workflow_id, 'server', 'ready', 'started', ${now} FROM n ORDER BY n.seq)
    SELECT ${NODE_COLUMNS} FROM n ORDER BY n.seq`;
  return rows.map(toNodeRecord);
}
