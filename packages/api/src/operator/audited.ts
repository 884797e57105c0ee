// The operator audit log: every mutation an operator calls is recorded once it has run (who,
// what, target, "ok" or the error code), failures included. The role check happens here too, so
// a VIEWER's refused attempt is on record. Client callers are not operators: nothing is recorded.
import { BackbeatError } from "@backbeat/core";
import { insertOperatorAction, type OperatorRole } from "@backbeat/db";
import type { ApiContext } from "../context.ts";
import { requireRole } from "../guards.ts";

export type AuditOptions<T> = {
  /** The least role that may do this (default OPERATOR: every action). */
  least?: OperatorRole;
  /** The row's message on success (e.g. "12 of 12 nodes restarted"). */
  summary?: (result: T) => string | null;
};

export function errorCode(error: unknown): string {
  return error instanceof BackbeatError ? error.code : "INTERNAL_SERVER_ERROR";
}

export async function recordAction(
  ctx: ApiContext,
  row: { operator: string; action: string; target: unknown; result: string; message: string | null },
): Promise<void> {
  await insertOperatorAction(ctx.engine.sql, { ...row, createdAt: ctx.engine.context.clock.now() });
}

export async function audited<T>(
  ctx: ApiContext,
  action: string,
  target: unknown,
  run: () => Promise<T>,
  opts: AuditOptions<T> = {},
): Promise<T> {
  if (ctx.operator === null) return run();
  const operator = ctx.operator.login;
  let result: T;
  try {
    requireRole(ctx, opts.least ?? "operator");
    result = await run();
  } catch (error) {
    const message = error instanceof BackbeatError ? error.message : null;
    await recordAction(ctx, { operator, action, target, result: errorCode(error), message });
    throw error;
  }
  await recordAction(ctx, { operator, action, target, result: "ok", message: opts.summary?.(result) ?? null });
  return result;
}
