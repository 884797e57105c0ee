// A node by id, only if the scope may see it (a client: only nodes assigned to it).
import type { NodeRecord } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { scopeClause, type ReadScope } from "./read-scope.ts";
import { query, sql, type Sql } from "../sql.ts";

export async function findVisibleNode(db: Sql, scope: ReadScope, id: string): Promise<NodeRecord | null> {
  const rows = await query<Record<string, unknown>>(
    db,
    sql`
    SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.id = ${id}::uuid${scopeClause(scope, "n")}`,
  );
  return rows[0] ? toNodeRecord(rows[0]) : null;
}
