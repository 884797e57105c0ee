// An operator and its password hash, for signIn only.
import type { OperatorRecord } from "./operators.ts";
import { query, sql, type Sql } from "../sql.ts";

export async function findOperatorCredentials(
  db: Sql,
  login: string,
): Promise<(OperatorRecord & { passwordHash: string }) | null> {
  const rows = await query<OperatorRecord & { passwordHash: string }>(
    db,
    sql`SELECT id::text AS id, login, role, created_at AS "createdAt", password_hash AS "passwordHash"
    FROM operators WHERE login = ${login}`,
  );
  return rows[0] ?? null;
}
