// When the scheduler next has something to do: the earliest job, outbound call (or expiring
// lease) and client deadline. An idle engine sleeps until then (or until NOTIFY wakes it).
import { query, sql, type Sql } from "../sql.ts";
import { awaitingClientSql } from "../status-sql.ts";

export async function nextDueTime(db: Sql): Promise<Date | null> {
  const rows = await query<{ t: Date | null }>(
    db,
    sql`
    SELECT LEAST(
      (SELECT min(run_at) FROM jobs),
      (SELECT min(GREATEST(run_at, COALESCE(locked_until, run_at))) FROM outbound_calls),
      -- Only deadlines that can expire (see deadlines.ts): a passed one that cannot would wake us forever.
      (SELECT min(complete_by) FROM nodes
        WHERE ${awaitingClientSql()})) AS t`,
  );
  const t = rows[0]?.t;
  return t ? new Date(t) : null;
}
