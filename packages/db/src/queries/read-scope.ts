// What a read may see: every row (an operator) or only one client's rows. The API turns its caller
// into this; the queries below add the matching WHERE clause, so scoping is never left to callers.
import { empty, sql, type SqlFragment } from "../sql.ts";

/** null: an operator, who sees everything; otherwise the id of the client asking. */
export type ReadScope = { clientId: string | null };

/** `AND <alias>.client_id = …` for a client, nothing for an operator. */
export function scopeClause(scope: ReadScope, alias: "w" | "n"): SqlFragment {
  if (scope.clientId === null) return empty;
  return alias === "w"
    ? sql` AND w.client_id = ${scope.clientId}::uuid`
    : sql` AND n.client_id = ${scope.clientId}::uuid`;
}
