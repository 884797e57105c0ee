// Children in creation order: of a node, or the top-level nodes (signals) of a workflow. A client
// sees only the nodes assigned to it.
import type { NodeRecord } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { scopeClause, type ReadScope } from "./read-scope.ts";
import { query, sql, type Sql } from "../sql.ts";

export type ChildrenOf = { kind: "node"; id: string } | { kind: "workflow"; id: string };

export async function listVisibleChildren(db: Sql, scope: ReadScope, of: ChildrenOf): Promise<NodeRecord[]> {
  const parent =
    of.kind === "node"
      ? sql`n.parent_id = ${of.id}::uuid`
      : sql`n.workflow_id = ${of.id}::uuid AND n.parent_id IS NULL`;
  const rows = await query<Record<string, unknown>>(
    db,
    sql`
    SELECT ${NODE_COLUMNS} FROM nodes n WHERE ${parent}${scopeClause(scope, "n")} ORDER BY n.seq`,
  );
  return rows.map(toNodeRecord);
}
