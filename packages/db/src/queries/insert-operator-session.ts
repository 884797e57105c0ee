// A new operator session. Only the SHA-256 of its token is stored.
import type { OperatorRole } from "./operators.ts";
import { query, sql, type Sql } from "../sql.ts";

export async function insertOperatorSession(
  db: Sql,
  s: {
    tokenHash: string;
    operatorId: string | null;
    login: string;
    role: OperatorRole;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await query(
    db,
    sql`INSERT INTO operator_sessions (token_hash, operator_id, login, role, created_at, expires_at)
    VALUES (${s.tokenHash}, ${s.operatorId}::uuid, ${s.login}, ${s.role}, ${s.createdAt}, ${s.expiresAt})`,
  );
}
