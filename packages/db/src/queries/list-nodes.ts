import type { NodeRecord } from "@backbeat/core";
import type { Db } from "../client.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";

/** Every node of a workflow in creation order. */
export async function listWorkflowNodes(db: Db, workflowId: string): Promise<NodeRecord[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.workflow_id = ${workflowId}::uuid ORDER BY n.seq`;
  return rows.map(toNodeRecord);
}

/** A node's children in creation order. */
export async function listChildren(db: Db, parentId: string): Promise<NodeRecord[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.parent_id = ${parentId}::uuid ORDER BY n.seq`;
  return rows.map(toNodeRecord);
}
