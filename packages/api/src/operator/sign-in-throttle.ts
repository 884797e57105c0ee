// Failed sign-ins are throttled per login from the audit log itself, so the limit holds across
// server processes and restarts: with MAX_FAILED_SIGN_INS password failures (result
// UNAUTHENTICATED) in the last SIGN_IN_WINDOW_MS, the next attempt is refused before any bcrypt
// comparison. A refusal is recorded as TOO_MANY_ATTEMPTS, which is not counted, so hammering a
// locked login does not extend its lockout. A success does not reset the count: the verdict stays
// a pure function of the last 15 minutes of the log (at worst the rightful operator waits them out).
import { recentFailedSignIns } from "@backbeat/db";
import type { ApiContext } from "../context.ts";
import { TooManyAttemptsError } from "../errors.ts";

export const MAX_FAILED_SIGN_INS = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

/** The login as the audit log records it (whatever was typed, cut to the longest valid login). */
export function auditedLogin(login: string): string {
  return login.slice(0, 64);
}

/** Throws TooManyAttemptsError while `login` has too many recent password failures. */
export async function refuseWhenThrottled(ctx: ApiContext, login: string): Promise<void> {
  const now = ctx.engine.context.clock.now();
  const failures = await recentFailedSignIns(
    ctx.engine.sql,
    auditedLogin(login),
    new Date(now.getTime() - SIGN_IN_WINDOW_MS),
    MAX_FAILED_SIGN_INS,
  );
  if (failures.length < MAX_FAILED_SIGN_INS) return;
  // Newest first: once the MAX-th newest failure leaves the window, fewer than MAX remain.
  const unlocksAt = failures[MAX_FAILED_SIGN_INS - 1]!.getTime() + SIGN_IN_WINDOW_MS;
  throw new TooManyAttemptsError(Math.max(1, Math.ceil((unlocksAt - now.getTime()) / 1000)));
}
