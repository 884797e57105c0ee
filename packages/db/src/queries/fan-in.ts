// Fan-in without a pass per child: a non-blocking child that completes asks for its parent's pass
// only when no child the parent waits for is left. Siblings completing at the same time take turns
// on a transaction-scoped advisory lock per parent, so the last of them sees all the others
// complete (each check is a new statement, taken after the lock). An advisory lock, not the
// parent's row lock: a running pass holds the parent's row and then waits for its job row, which
// this transaction may hold next.
import { UNWAITED_MODE } from "@backbeat/core";
import { query, sql, type SqlTx } from "../sql.ts";
import { modeLiteral, unfinishedSql } from "../status-sql.ts";

/** Advisory locks in this namespace (two-key form) are fan-in turns; the key is the parent's hash. */
const FAN_IN_LOCK_SPACE = 0x66616e; // "fan"

/** Of these parents, those with no unfinished child they wait for (fire-and-forget ones excepted). */
export async function parentsWithNoChildLeft(tx: SqlTx, parentIds: string[]): Promise<string[]> {
  const ids = [...new Set(parentIds)].sort();
  if (ids.length === 0) return [];
  await query(
    tx,
    sql`
    SELECT pg_advisory_xact_lock(${FAN_IN_LOCK_SPACE}::int, hashtext(p.id::text))
    FROM (SELECT id FROM unnest(${ids}::uuid[]) AS u(id) ORDER BY id) AS p`,
  );
  const rows = await query<{ id: string }>(
    tx,
    sql`
    SELECT p.id::text AS id FROM unnest(${ids}::uuid[]) AS p(id)
    WHERE NOT EXISTS (
      SELECT 1 FROM nodes c
      WHERE c.parent_id = p.id AND ${unfinishedSql("c")} AND c.mode <> ${modeLiteral(UNWAITED_MODE)})`,
  );
  return rows.map((r) => r.id);
}
