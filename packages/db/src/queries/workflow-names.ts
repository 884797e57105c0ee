// Distinct workflow names, sorted; read fresh every time (the original cached them for an hour,
// so new names did not appear: PRODUCT.md #9).
import { scopeClause, type ReadScope } from "./read-scope.ts";
import { query, sql, type Sql } from "../sql.ts";

export async function listWorkflowNames(db: Sql, scope: ReadScope): Promise<string[]> {
  const rows = await query<{ name: string }>(
    db,
    sql`
    SELECT DISTINCT w.name FROM workflows w WHERE TRUE${scopeClause(scope, "w")} ORDER BY w.name`,
  );
  return rows.map((r) => r.name);
}
