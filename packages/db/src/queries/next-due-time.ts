// When the scheduler next has something to do. An idle loop sleeps until then (or until NOTIFY
// wakes it). The job loops ask only about jobs, the delivery loop only about its own work, so that
// neither is woken early for what the other does.
import { query, sql, type Sql } from "../sql.ts";
import { awaitingClientSql } from "../status-sql.ts";

/** The earliest job. */
export async function nextJobTime(db: Sql): Promise<Date | null> {
  const rows = await query<{ t: Date | null }>(db, sql`SELECT min(run_at) AS t FROM jobs`);
  return dateOf(rows[0]?.t);
}

/** The earliest outbound call (or expiring lease) and client deadline. */
export async function nextDeliveryTime(db: Sql): Promise<Date | null> {
  const rows = await query<{ t: Date | null }>(
    db,
    sql`
    SELECT LEAST(
      (SELECT min(GREATEST(run_at, COALESCE(locked_until, run_at))) FROM outbound_calls),
      -- Only deadlines that can expire (see deadlines.ts): a passed one that cannot would wake us forever.
      (SELECT min(complete_by) FROM nodes
        WHERE ${awaitingClientSql()})) AS t`,
  );
  return dateOf(rows[0]?.t);
}

function dateOf(t: Date | null | undefined): Date | null {
  return t ? new Date(t) : null;
}
