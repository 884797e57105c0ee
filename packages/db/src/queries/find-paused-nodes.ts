import type { NodeRecord } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { query, sql, type SqlTx } from "../sql.ts";

/** Nodes parked by a pause, locked, in creation order (resume restarts them). */
export async function lockPausedNodes(tx: SqlTx, workflowId: string): Promise<NodeRecord[]> {
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`
    SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.workflow_id = ${workflowId}::uuid AND n.server_status = 'paused'
    ORDER BY n.seq FOR UPDATE`,
  );
  return rows.map(toNodeRecord);
}
