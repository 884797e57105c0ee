// The nodes a signal or addChildren call with this idempotency key created already, in the
// call's order: under a parent (children) or directly under a workflow (signals). Served by the
// unique index nodes_idempotency_key_idx.
import type { NodeRecord } from "@backbeat/core";
import { query, sql, type SqlTx } from "../sql.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";

export async function findIdempotentNodes(tx: SqlTx, parentOrWorkflowId: string, key: string): Promise<NodeRecord[]> {
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`
    SELECT ${NODE_COLUMNS} FROM nodes n
    WHERE COALESCE(n.parent_id, n.workflow_id) = ${parentOrWorkflowId}::uuid AND n.idempotency_key = ${key}
    ORDER BY n.idempotency_index`,
  );
  return rows.map(toNodeRecord);
}
