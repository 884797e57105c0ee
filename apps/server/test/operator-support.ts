// Helpers for the operator tests: create operators with the admin token, sign in, read rows.
import pg from "pg";
import { ADMIN_TOKEN, type Json, type TestServer } from "./support.ts";

export const SIGN_IN = `mutation($login: String!, $password: String!) {
  signIn(login: $login, password: $password) { token expiresAt operator { id login role createdAt } } }`;

export const CREATE_OPERATOR = `mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id login role createdAt } }`;

/** Creates an operator (as the admin) and signs it in; returns its session token. */
export async function operatorSession(
  s: TestServer,
  login: string,
  role: "VIEWER" | "OPERATOR" | "ADMIN",
  password = `${login}-password`,
): Promise<string> {
  await s.ok(ADMIN_TOKEN, CREATE_OPERATOR, { input: { login, password, role } });
  return (await s.ok(null, SIGN_IN, { login, password })).signIn.token as string;
}

export async function rows<T extends Json>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export type ActionRow = {
  operator: string;
  action: string;
  target: Json | null;
  result: string;
  message: string | null;
};

/** The audit rows written since `afterId`, oldest first. */
export async function actionsSince(databaseUrl: string, afterId: number): Promise<ActionRow[]> {
  return rows<ActionRow>(
    databaseUrl,
    `SELECT operator, action, target, result, message FROM operator_actions WHERE id > $1 ORDER BY id`,
    [afterId],
  );
}

export async function lastActionId(databaseUrl: string): Promise<number> {
  const [row] = await rows<{ id: number }>(databaseUrl, `SELECT COALESCE(max(id), 0)::int AS id FROM operator_actions`);
  return row!.id;
}
