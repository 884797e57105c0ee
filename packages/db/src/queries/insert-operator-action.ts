// One row of the operator audit log.
import { query, sql, type Sql } from "../sql.ts";

export type OperatorActionInput = {
  operator: string;
  action: string;
  target: unknown;
  result: string;
  message: string | null;
  createdAt: Date;
};

export async function insertOperatorAction(db: Sql, a: OperatorActionInput): Promise<void> {
  await query(
    db,
    sql`INSERT INTO operator_actions (operator, action, target, result, message, created_at)
    VALUES (${a.operator}, ${a.action}, ${a.target === undefined || a.target === null ? null : JSON.stringify(a.target)}::jsonb,
      ${a.result}, ${a.message}, ${a.createdAt})`,
  );
}
