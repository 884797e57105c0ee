import type { NodeRecord } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { query, sql, type Sql } from "../sql.ts";

/** Every node of a workflow in creation order. */
export async function listWorkflowNodes(db: Sql, workflowId: string): Promise<NodeRecord[]> {
  const rows = await query<Record<string, unknown>>(
    db,
    sql`
    SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.workflow_id = ${workflowId}::uuid ORDER BY n.seq`,
  );
  return rows.map(toNodeRecord);
}

/** A node's children in creation order. */
export async function listChildren(db: Sql, parentId: string): Promise<NodeRecord[]> {
  const rows = await query<Record<string, unknown>>(
    db,
    sql`
    SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.parent_id = ${parentId}::uuid ORDER BY n.seq`,
  );
  return rows.map(toNodeRecord);
}
