// The operator behind a session token hash, if the session has not expired at `now`. The role is
// the operator's current one (the built-in admin's sessions have no operator row).
import type { OperatorRole } from "./operators.ts";
import { query, sql, type Sql } from "../sql.ts";

export type OperatorSessionRecord = {
  operatorId: string | null;
  login: string;
  role: OperatorRole;
  operatorCreatedAt: Date | null;
  expiresAt: Date;
};

export async function findOperatorSession(
  db: Sql,
  tokenHash: string,
  now: Date,
): Promise<OperatorSessionRecord | null> {
  const rows = await query<OperatorSessionRecord>(
    db,
    sql`SELECT s.operator_id::text AS "operatorId", s.login, COALESCE(o.role, s.role) AS role,
      o.created_at AS "operatorCreatedAt", s.expires_at AS "expiresAt"
    FROM operator_sessions s LEFT JOIN operators o ON o.id = s.operator_id
    WHERE s.token_hash = ${tokenHash} AND s.expires_at > ${now}`,
  );
  return rows[0] ?? null;
}
