import type { NodeRecord } from "@backbeat/core";
import type { Tx } from "../client.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";

/** Nodes parked by a pause, locked, in creation order (resume restarts them). */
export async function lockPausedNodes(tx: Tx, workflowId: string): Promise<NodeRecord[]> {
  const rows = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.workflow_id = ${workflowId}::uuid AND n.server_status = 'paused'
    ORDER BY n.seq FOR UPDATE`;
  return rows.map(toNodeRecord);
}
