// graphql-ws on the HTTP server's port, at /graphql: the same schema, limits, error format and
// authentication as HTTP (the token in connection param `authorization`: "Bearer <token>").
import type { Server } from "node:http";
import {
  contextFor,
  depthAndCostRule,
  formatError,
  INTERNAL_MESSAGE,
  UnauthenticatedError,
  type AuthSettings,
  type Authenticator,
  type ErrorLogger,
  type Identity,
  type Subscriptions,
} from "@backbeat/api";
import type { Engine } from "@backbeat/engine";
import {
  specifiedRules,
  validate,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";

type Extra = { caller?: Identity; authorization?: string | null };

export function attachGraphqlWs(opts: {
  httpServer: Server;
  schema: GraphQLSchema;
  authenticate: Authenticator;
  /** The same settings signIn has over HTTP (admin token, session length). */
  authSettings: AuthSettings;
  engine: Engine;
  subscriptions: Subscriptions;
  logError: ErrorLogger;
  /** Sees every operation's result and may replace it (the open-subscriptions gauge wraps streams). */
  onOperation?: (args: ExecutionArgs, result: unknown) => AsyncGenerator<unknown> | undefined;
}) {
  const wsServer = new WebSocketServer({ server: opts.httpServer, path: "/graphql", maxPayload: 1024 * 1024 });
  const format = (e: GraphQLError) => formatError(e.toJSON(), e, opts.logError);
  const cleanup = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: opts.schema,
      validate: (schema, document) => validate(schema, document, [...specifiedRules, depthAndCostRule]),
      // A refused token closes the connection (4403 Forbidden) before any operation runs.
      onConnect: async (ctx) => {
        const header = ctx.connectionParams?.authorization;
        try {
          const authorization = typeof header === "string" ? header : null;
          (ctx.extra as Extra).caller = await opts.authenticate(authorization);
          (ctx.extra as Extra).authorization = authorization;
          return true;
        } catch {
          return false;
        }
      },
      // The token is checked again for every operation: a session signed out (or expired) since
      // the connection opened starts nothing more on it.
      onSubscribe: async (ctx) => {
        const extra = ctx.extra as Extra;
        try {
          extra.caller = await opts.authenticate(extra.authorization ?? null);
        } catch (error) {
          if (error instanceof UnauthenticatedError) {
            return [new GraphQLError(error.message, { extensions: { code: "UNAUTHENTICATED" } })];
          }
          // The token could not be checked (e.g. the database is down): a fault, not a refusal.
          opts.logError(error);
          return [new GraphQLError(INTERNAL_MESSAGE, { extensions: { code: "INTERNAL_SERVER_ERROR" } })];
        }
        return undefined;
      },
      context: (ctx) => contextFor(opts.engine, (ctx.extra as Extra).caller!, opts.subscriptions, opts.authSettings),
      onOperation: (_ctx, _id, _payload, args, result) =>
        opts.onOperation?.(args, result) as AsyncGenerator<ExecutionResult> | undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => format(e)),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((e) => format(e)) } : undefined,
    },
    wsServer,
  );
  return {
    wsServer,
    dispose: async () => {
      await cleanup.dispose();
    },
  };
}
