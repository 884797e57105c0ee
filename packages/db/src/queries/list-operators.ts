// Every operator, by login.
import type { OperatorRecord } from "./operators.ts";
import { query, sql, type Sql } from "../sql.ts";

export function listOperators(db: Sql): Promise<OperatorRecord[]> {
  return query<OperatorRecord>(
    db,
    sql`SELECT id::text AS id, login, role, created_at AS "createdAt" FROM operators ORDER BY login`,
  );
}
