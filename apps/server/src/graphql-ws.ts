// graphql-ws on the HTTP server's port, at /graphql: the same schema, limits, error format and
// authentication as HTTP (the token in connection param `authorization`: "Bearer <token>").
import type { Server } from "node:http";
import {
  bearerToken,
  contextFor,
  depthAndCostRule,
  formatError,
  INTERNAL_MESSAGE,
  SESSION_TOKEN_PREFIX,
  UnauthenticatedError,
  type AuthSettings,
  type Authenticator,
  type ErrorLogger,
  type Identity,
  type Subscriptions,
} from "@backbeat/api";
import { DatabaseUnavailableError } from "@backbeat/core";
import type { Engine } from "@backbeat/engine";
import {
  Kind,
  specifiedRules,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import { coalesceWrites } from "./coalesce-ws-writes.ts";
import { hostileInput } from "./hostile-input.ts";
import { createDocumentCache } from "./ws-documents.ts";

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
  /** How often a connection opened with an operator session re-checks it (signed out, expired). */
  sessionCheckMs: number;
  /** Sees every operation's result and may replace it (the open-subscriptions gauge wraps streams). */
  onOperation?: (args: ExecutionArgs, result: unknown) => AsyncGenerator<unknown> | undefined;
}) {
  const wsServer = new WebSocketServer({ server: opts.httpServer, path: "/graphql", maxPayload: 1024 * 1024 });
  wsServer.on("connection", (ws, request) => coalesceWrites(ws, request.socket));
  const format = (e: GraphQLError) => formatError(e.toJSON(), e, opts.logError);
  // A result with no `data` at all and an error at no path is graphql-js refusing the request before
  // running anything (variables that do not coerce to their types, an unknown operation name): bad
  // input, as Apollo answers over HTTP, where the scalar's own error would otherwise read as internal.
  const formatResultError = (e: GraphQLError, result: ExecutionResult) =>
    !("data" in result) && !e.path
      ? { message: e.message, locations: e.locations, extensions: { code: "BAD_USER_INPUT" } }
      : format(e);
  const documents = createDocumentCache(opts.schema, [...specifiedRules, depthAndCostRule]);
  // A session can end while its connection is open (signOut, expiry): the open subscriptions must
  // stop too, so such a connection re-checks its session now and then and is closed (4403) once it
  // no longer holds. New operations are checked at once (onSubscribe).
  const closeWhenSessionEnds = (socket: WebSocket, authorization: string) => {
    const timer = setInterval(() => {
      opts.authenticate(authorization).catch((error: unknown) => {
        if (error instanceof UnauthenticatedError) socket.close(4403, "Forbidden: the session ended");
      });
    }, opts.sessionCheckMs);
    timer.unref();
    socket.once("close", () => clearInterval(timer));
  };
  const cleanup = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: opts.schema,
      // A refused token closes the connection (4403 Forbidden) before any operation runs.
      onConnect: async (ctx) => {
        const header = ctx.connectionParams?.authorization;
        try {
          const authorization = typeof header === "string" ? header : null;
          (ctx.extra as Extra).caller = await opts.authenticate(authorization);
          (ctx.extra as Extra).authorization = authorization;
          // Only operator sessions can end while the server runs (client and admin tokens cannot).
          if (authorization && bearerToken(authorization)?.startsWith(SESSION_TOKEN_PREFIX)) {
            closeWhenSessionEnds(ctx.extra.socket, authorization);
          }
          return true;
        } catch {
          return false;
        }
      },
      // The token is checked again for every operation: a session signed out (or expired) since
      // the connection opened starts nothing more on it.
      onSubscribe: async (ctx, _id, payload) => {
        // The same edge checks as over HTTP (query text, variables, extensions): refused before anything runs.
        const why = hostileInput(payload);
        if (why) return [new GraphQLError(`Refused: ${why}`, { extensions: { code: "BAD_USER_INPUT" } })];
        const extra = ctx.extra as Extra;
        try {
          extra.caller = await opts.authenticate(extra.authorization ?? null);
        } catch (error) {
          if (error instanceof UnauthenticatedError) {
            return [new GraphQLError(error.message, { extensions: { code: "UNAUTHENTICATED" } })];
          }
          if (error instanceof DatabaseUnavailableError) {
            return [new GraphQLError(error.message, { originalError: error })];
          }
          // The token could not be checked: a fault, not a refusal.
          opts.logError(error);
          return [new GraphQLError(INTERNAL_MESSAGE, { extensions: { code: "INTERNAL_SERVER_ERROR" } })];
        }
        // Parsed and validated once per query text (ws-documents.ts); graphql-ws then runs these
        // arguments as they are.
        const document = documents(payload.query);
        if (!isDocument(document)) return [...document];
        return {
          schema: opts.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: contextFor(opts.engine, extra.caller, opts.subscriptions, opts.authSettings),
        };
      },
      onOperation: (_ctx, _id, _payload, args, result) =>
        opts.onOperation?.(args, result) as AsyncGenerator<ExecutionResult> | undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => format(e)),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((e) => formatResultError(e, result)) } : undefined,
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

function isDocument(d: DocumentNode | readonly GraphQLError[]): d is DocumentNode {
  return (d as DocumentNode).kind === Kind.DOCUMENT;
}
