// createOperator: validates the login and password, stores a bcrypt hash (cost 12).
import { BadInputError, ConflictError } from "@backbeat/core";
import { insertOperator, type OperatorRecord, type OperatorRole } from "@backbeat/db";
import { hash, truncates } from "bcryptjs";
import { ADMIN_OPERATOR } from "../auth.ts";
import type { ApiContext } from "../context.ts";

const LOGIN = /^[a-zA-Z0-9._@-]{3,64}$/;
export const BCRYPT_COST = 12;

export async function createOperator(
  ctx: ApiContext,
  input: { login: string; password: string; role: OperatorRole },
): Promise<OperatorRecord> {
  if (!LOGIN.test(input.login)) {
    throw new BadInputError("login must be 3 to 64 characters of letters, digits and . _ @ -");
  }
  if (input.password.length < 8) throw new BadInputError("password must be at least 8 characters");
  if (truncates(input.password)) throw new BadInputError("password must be at most 72 bytes (UTF-8)");
  if (input.login === ADMIN_OPERATOR) throw new ConflictError(`login "${ADMIN_OPERATOR}" is the built-in admin`);
  const passwordHash = await hash(input.password, BCRYPT_COST);
  const created = await insertOperator(ctx.engine.sql, { login: input.login, passwordHash, role: input.role });
  if (!created) throw new ConflictError(`an operator with login "${input.login}" already exists`);
  return created;
}
