// Unfinished nodes (not complete, not deactivated) that have not changed since `changedBefore`,
// the longest-unchanged first.
import type { NodeRecord } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { query, sql, type Sql } from "../sql.ts";
import { unfinishedSql } from "../status-sql.ts";

export async function findOldestStuckNodes(db: Sql, changedBefore: Date, limit: number): Promise<NodeRecord[]> {
  const rows = await query<Record<string, unknown>>(
    db,
    sql`SELECT ${NODE_COLUMNS} FROM nodes n
    WHERE ${unfinishedSql("n")} AND n.updated_at <= ${changedBefore}
    ORDER BY n.updated_at, n.id LIMIT ${limit}`,
  );
  return rows.map(toNodeRecord);
}
