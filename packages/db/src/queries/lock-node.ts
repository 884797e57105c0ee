import type { NodeRecord } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { query, sql, type SqlTx } from "../sql.ts";

/** Reads a node and holds its row lock until the transaction ends. */
export async function lockNode(tx: SqlTx, id: string): Promise<NodeRecord | null> {
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.id = ${id}::uuid FOR UPDATE`,
  );
  return rows[0] ? toNodeRecord(rows[0]) : null;
}

/**
 * lockNode, plus whether the node has any child that is not deactivated: most nodes have none,
 * and then finishing them needs no MarkChildrenReady statement.
 */
export async function lockNodeWithChildren(
  tx: SqlTx,
  id: string,
): Promise<{ node: NodeRecord; hasChildren: boolean } | null> {
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`
    SELECT ${NODE_COLUMNS},
      EXISTS (SELECT 1 FROM nodes c WHERE c.parent_id = n.id AND c.server_status <> 'deactivated') AS "hasChildren"
    FROM nodes n WHERE n.id = ${id}::uuid FOR UPDATE OF n`,
  );
  if (!rows[0]) return null;
  const { hasChildren, ...node } = rows[0];
  return { node: toNodeRecord(node), hasChildren: hasChildren === true };
}
