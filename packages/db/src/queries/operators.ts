// Dashboard operators. Passwords are stored only as bcrypt hashes (made by the API).
import { query, raw, sql, type Sql } from "../sql.ts";

export type OperatorRole = "viewer" | "operator" | "admin";

export type OperatorRecord = { id: string; login: string; role: OperatorRole; createdAt: Date };

const COLUMNS = raw(`id::text AS id, login, role, created_at AS "createdAt"`);

/** Null when the login is taken (the unique index decides, so two concurrent creations cannot both win). */
export async function insertOperator(
  db: Sql,
  o: { login: string; passwordHash: string; role: OperatorRole },
): Promise<OperatorRecord | null> {
  const rows = await query<OperatorRecord>(
    db,
    sql`INSERT INTO operators (login, password_hash, role) VALUES (${o.login}, ${o.passwordHash}, ${o.role})
    ON CONFLICT (login) DO NOTHING RETURNING ${COLUMNS}`,
  );
  return rows[0] ?? null;
}
