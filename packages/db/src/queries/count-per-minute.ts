// Completed and errored nodes per minute over the last `minutes` minutes up to `now`, from the
// audit log: "completed" is a server status change to complete, "errored" any change to errored
// (a client's error report, a missed deadline, or a server-side failure). Minutes without any are
// included as zeros, oldest first.
import { query, sql, type Sql } from "../sql.ts";

export type MinuteCountRecord = { minute: Date; completed: number; errored: number };

export function countPerMinute(db: Sql, now: Date, minutes: number): Promise<MinuteCountRecord[]> {
  return query<MinuteCountRecord>(
    db,
    sql`WITH bounds AS (SELECT date_trunc('minute', ${now}::timestamptz) AS last),
    minutes AS (
      SELECT generate_series(last - make_interval(mins => ${minutes} - 1), last, interval '1 minute') AS minute FROM bounds
    ),
    counts AS (
      SELECT date_trunc('minute', created_at) AS minute,
        count(*) FILTER (WHERE status_type = 'server' AND to_status = 'complete')::int AS completed,
        count(*) FILTER (WHERE to_status = 'errored')::int AS errored
      FROM status_changes, bounds
      WHERE created_at >= last - make_interval(mins => ${minutes} - 1) AND created_at < last + interval '1 minute'
        AND to_status IN ('complete', 'errored')
      GROUP BY 1
    )
    SELECT m.minute, COALESCE(c.completed, 0) AS completed, COALESCE(c.errored, 0) AS errored
    FROM minutes m LEFT JOIN counts c ON c.minute = m.minute ORDER BY m.minute`,
  );
}
