// Ends a session (signOut), and drops sessions that expired long ago on the way.
import { query, sql, type Sql } from "../sql.ts";

export async function deleteOperatorSession(db: Sql, tokenHash: string, now: Date): Promise<void> {
  await query(
    db,
    sql`DELETE FROM operator_sessions WHERE token_hash = ${tokenHash} OR expires_at < ${now}::timestamptz - interval '1 day'`,
  );
}
