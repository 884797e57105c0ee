// signIn: the built-in admin (login "admin", the admin token as password) or an operator whose
// bcrypt hash matches. A wrong login and a wrong password get the same answer, after about the
// same time (an unknown login is still compared against a hash). Every login, admin included, is
// throttled first (sign-in-throttle.ts): a refused attempt costs no bcrypt comparison.
import { findOperatorCredentials, insertOperatorSession, type OperatorRecord } from "@backbeat/db";
import { compare } from "bcryptjs";
import { ADMIN_OPERATOR, builtInAdmin, sameSecret } from "../auth.ts";
import type { ApiContext, OperatorPrincipal } from "../context.ts";
import { UnauthenticatedError } from "../errors.ts";
import { adminSessionHash, newSessionToken, sha256 } from "./session-token.ts";
import { refuseWhenThrottled } from "./sign-in-throttle.ts";

export const WRONG_CREDENTIALS = "wrong login or password";

/** A bcrypt hash (cost 12) of a random string: what an unknown login is compared against. */
const DECOY_HASH = "$2b$12$j8AJ2tcodcEFX7t17EdQVu9H.a5r93XFK/FM5W8PRLELgEPPZnjRC";

export type SessionResult = { token: string; expiresAt: Date; operator: OperatorPrincipal };

async function checkCredentials(ctx: ApiContext, login: string, password: string): Promise<OperatorRecord | "admin"> {
  if (login === ADMIN_OPERATOR) {
    if (ctx.auth.adminToken && sameSecret(password, ctx.auth.adminToken)) return "admin";
    throw new UnauthenticatedError(WRONG_CREDENTIALS);
  }
  const found = await findOperatorCredentials(ctx.engine.sql, login);
  const matches = await compare(password, found?.passwordHash ?? DECOY_HASH);
  if (!found || !matches) throw new UnauthenticatedError(WRONG_CREDENTIALS);
  return found;
}

export async function signIn(ctx: ApiContext, login: string, password: string): Promise<SessionResult> {
  await refuseWhenThrottled(ctx, login);
  const who = await checkCredentials(ctx, login, password);
  const token = newSessionToken();
  const now = ctx.engine.context.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.auth.sessionHours * 3_600_000);
  const operator: OperatorPrincipal =
    who === "admin"
      ? builtInAdmin(adminSessionHash(token, ctx.auth.adminToken!))
      : { ...who, sessionHash: sha256(token) };
  await insertOperatorSession(ctx.engine.sql, {
    tokenHash: operator.sessionHash!,
    operatorId: who === "admin" ? null : who.id,
    login: operator.login,
    role: operator.role,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt, operator };
}
