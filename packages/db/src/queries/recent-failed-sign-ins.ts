// The sign-in throttle's one read: when a login's latest password failures happened, newest
// first, at most `limit` of them (the audit log is the throttle's memory, shared by every server
// process). Served by the partial index operator_actions_failed_sign_in_idx.
import { query, sql, type Sql } from "../sql.ts";

export async function recentFailedSignIns(db: Sql, login: string, since: Date, limit: number): Promise<Date[]> {
  const rows = await query<{ createdAt: Date }>(
    db,
    sql`SELECT created_at AS "createdAt" FROM operator_actions
    WHERE "action" = 'signIn' AND "result" = 'UNAUTHENTICATED' AND operator = ${login} AND created_at > ${since}
    ORDER BY created_at DESC LIMIT ${limit}`,
  );
  return rows.map((r) => r.createdAt);
}
