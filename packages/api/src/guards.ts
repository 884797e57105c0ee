// Checks that several resolvers share: operator-only operations, ids, page sizes, status names.
import { assertUuid, BadInputError, isClientStatus, isServerStatus, NotFoundError } from "@backbeat/core";
import type { OperatorRole } from "@backbeat/db";
import type { ApiContext, OperatorPrincipal } from "./context.ts";
import { ForbiddenError } from "./errors.ts";
import { LIMITS } from "./limits.ts";

/** Any operator role (reads). Client tokens are FORBIDDEN. */
export function requireOperator(ctx: ApiContext): OperatorPrincipal {
  if (ctx.caller.kind !== "operator" || ctx.operator === null) throw new ForbiddenError();
  return ctx.operator;
}

const RANK: Record<OperatorRole, number> = { viewer: 0, operator: 1, admin: 2 };

/** An operator with at least this role: VIEWERs may read but not act, only ADMINs manage operators. */
export function requireRole(ctx: ApiContext, least: OperatorRole): OperatorPrincipal {
  const operator = requireOperator(ctx);
  if (RANK[operator.role] < RANK[least]) {
    throw new ForbiddenError(`This needs the ${least.toUpperCase()} role; you are ${operator.role.toUpperCase()}`);
  }
  return operator;
}

/** A malformed id is bad input (checked before any query, so PostgreSQL never sees it). */
export function validId(value: string, field: string): string {
  assertUuid(value, field);
  return value;
}

export function pageSize(first: number | null | undefined): number {
  const n = first ?? LIMITS.defaultPageSize;
  if (!Number.isInteger(n) || n < 1 || n > LIMITS.maxPageSize) {
    throw new BadInputError(`first must be between 1 and ${LIMITS.maxPageSize}`);
  }
  return n;
}

/** Search filters take lower-case status names of either status type. */
export function statusName(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  if (!isServerStatus(value) && !isClientStatus(value)) {
    throw new BadInputError(`${field} must be a lower-case server or client status name, not ${JSON.stringify(value)}`);
  }
  return value;
}

/** Resolvers that address one thing by id answer NOT_FOUND alike for "absent" and "not yours". */
export function found<T>(value: T | null, what: string, id: string): T {
  if (value === null) throw new NotFoundError(what, id);
  return value;
}

/** A StatusChange id used as a position (nodeEvents' `after`, the timeline's `after`/`before`). */
export function statusChangeCursor(value: string | null | undefined, field: string): bigint | null {
  if (value == null) return null;
  if (!/^\d{1,18}$/.test(value)) throw new BadInputError(`${field} must be the id of a status change`);
  return BigInt(value);
}
