import type { NodeRecord } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { query, sql, type SqlTx } from "../sql.ts";

/** Reads a node and holds its row lock until the transaction ends. */
export async function lockNode(tx: SqlTx, id: string): Promise<NodeRecord | null> {
  const rows = await query<Record<string, unknown>>(tx, sql`SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.id = ${id}::uuid FOR UPDATE`);
  return rows[0] ? toNodeRecord(rows[0]) : null;
}
