import type { NodeRecord } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { query, sql, type Sql } from "../sql.ts";

export async function findNode(db: Sql, id: string): Promise<NodeRecord | null> {
  const rows = await query<Record<string, unknown>>(
    db,
    sql`SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.id = ${id}::uuid`,
  );
  return rows[0] ? toNodeRecord(rows[0]) : null;
}
