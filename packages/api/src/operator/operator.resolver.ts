// Operators, sessions and the operator audit log. signIn is the only field a request without a
// token may call (apps/server lets such a request through only when it asks for nothing else).
import { BadInputError } from "@backbeat/core";
import { deleteOperatorSession, listOperatorActions, listOperators, type OperatorActionRecord } from "@backbeat/db";
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { ApiContext, OperatorPrincipal } from "../context.ts";
import type { OperatorRole as Role } from "../enums.ts";
import { pageSize, requireOperator, requireRole } from "../guards.ts";
import { OPERATOR_ACTIONS_PAGE } from "../limits.ts";
import { audited, errorCode, recordAction } from "./audited.ts";
import { createOperator } from "./create-operator.ts";
import { CreateOperatorInput } from "./operator.input.ts";
import { Operator, OperatorActionConnection, OperatorSession } from "./operator.type.ts";
import { signIn, type SessionResult } from "./sign-in.ts";
import { auditedLogin } from "./sign-in-throttle.ts";

function toOperator(o: { id: string; login: string; role: string; createdAt: Date }): Operator {
  return { id: o.id, login: o.login, role: o.role as Role, createdAt: o.createdAt };
}

function actionCursor(id: string): string {
  return Buffer.from(`action|${id}`, "utf8").toString("base64url");
}

function decodeActionCursor(after: string | null): string | null {
  if (after == null) return null;
  const match = /^action\|(\d{1,18})$/.exec(Buffer.from(after, "base64url").toString("utf8"));
  if (!match) throw new BadInputError("after is not a cursor returned by this query");
  return match[1]!;
}

@Resolver()
export class OperatorResolver {
  @Query(() => Operator, {
    description: "The operator behind the token (session or admin token). FORBIDDEN for client tokens.",
  })
  me(@Ctx() ctx: ApiContext): Operator {
    return toOperator(requireOperator(ctx));
  }

  @Query(() => [Operator], { description: "ADMIN only." })
  async operators(@Ctx() ctx: ApiContext): Promise<Operator[]> {
    requireRole(ctx, "admin");
    return (await listOperators(ctx.engine.sql)).map(toOperator);
  }

  @Query(() => OperatorActionConnection, {
    description: "Operator audit log, newest first (keyset pages like nodes/workflows). Any operator role.",
  })
  async operatorActions(
    @Arg("first", () => Int, { nullable: true, defaultValue: OPERATOR_ACTIONS_PAGE }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: ApiContext,
  ): Promise<OperatorActionConnection> {
    requireOperator(ctx);
    const { items, hasNextPage } = await listOperatorActions(ctx.engine.sql, {
      first: pageSize(first ?? OPERATOR_ACTIONS_PAGE),
      afterId: decodeActionCursor(after),
    });
    const edges = items.map((a: OperatorActionRecord) => ({ cursor: actionCursor(a.id), node: a }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Mutation(() => OperatorSession, {
    description:
      "No token needed. login 'admin' + the admin token as password signs in as the built-in ADMIN. Wrong login or password -> UNAUTHENTICATED 'wrong login or password' (same answer for both). After 5 wrong passwords for one login within 15 minutes, further attempts (even right ones) get TOO_MANY_ATTEMPTS with extensions.retryAfterSeconds, without the password being checked.",
  })
  async signIn(
    @Arg("login", () => String) login: string,
    @Arg("password", () => String) password: string,
    @Ctx() ctx: ApiContext,
  ): Promise<OperatorSession> {
    const who = auditedLogin(login);
    const target = { login: who };
    let session: SessionResult;
    try {
      session = await signIn(ctx, login, password);
    } catch (error) {
      const message = error instanceof Error ? error.message : null;
      await recordAction(ctx, { operator: who, action: "signIn", target, result: errorCode(error), message });
      throw error;
    }
    await recordAction(ctx, { operator: who, action: "signIn", target, result: "ok", message: null });
    return { token: session.token, expiresAt: session.expiresAt, operator: toOperator(session.operator) };
  }

  @Mutation(() => Boolean, { description: "Ends the calling session (no-op for the admin token). Returns true." })
  signOut(@Ctx() ctx: ApiContext): Promise<boolean> {
    const operator: OperatorPrincipal = requireOperator(ctx);
    return audited(
      ctx,
      "signOut",
      null,
      async () => {
        if (operator.sessionHash !== null)
          await deleteOperatorSession(ctx.engine.sql, operator.sessionHash, ctx.engine.context.clock.now());
        return true;
      },
      { least: "viewer" },
    );
  }

  @Mutation(() => Operator, {
    description: "ADMIN only. login: 3-64 chars [a-zA-Z0-9._@-]; password >= 8 chars. Duplicate login -> CONFLICT.",
  })
  createOperator(
    @Arg("input", () => CreateOperatorInput) input: CreateOperatorInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Operator> {
    requireOperator(ctx);
    return audited(
      ctx,
      "createOperator",
      { login: input.login, role: input.role.toUpperCase() },
      async () => toOperator(await createOperator(ctx, input)),
      { least: "admin" },
    );
  }
}
