// The operator audit log, newest first, one keyset page (by id) at a time.
import { toResult, type SearchResult } from "./search-filters.ts";
import { empty, query, sql, type Sql } from "../sql.ts";

export type OperatorActionRecord = {
  id: string;
  operator: string;
  action: string;
  target: unknown;
  result: string;
  message: string | null;
  createdAt: Date;
};

export async function listOperatorActions(
  db: Sql,
  page: { first: number; afterId: string | null },
): Promise<SearchResult<OperatorActionRecord>> {
  const after = page.afterId === null ? empty : sql` WHERE a.id < ${page.afterId}::bigint`;
  const rows = await query<OperatorActionRecord>(
    db,
    sql`SELECT id::text AS id, operator, action, target, result, message, created_at AS "createdAt"
    FROM operator_actions a${after} ORDER BY a.id DESC LIMIT ${page.first + 1}`,
  );
  return toResult(rows, page.first);
}
