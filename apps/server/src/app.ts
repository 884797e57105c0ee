// The HTTP side of the server: express 5 with Apollo Server 5 at POST /graphql, graphql-ws on the
// same port, /health and /metrics, and the original REST API (@backbeat/rest) at the root. The caller passes in a running engine; tests start this on port 0.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import {
  buildBackbeatSchema,
  contextFor,
  createAuthenticator,
  depthAndCostRule,
  formatError,
  INTERNAL_MESSAGE,
  isSignInOnly,
  LIMITS,
  UnauthenticatedError,
  type ApiContext,
} from "@backbeat/api";
import { DatabaseUnavailableError } from "@backbeat/core";
import { PullDispatcher, StatusFeed, type Engine, type Logger } from "@backbeat/engine";
import { restRouter } from "@backbeat/rest";
import express from "express";
import { GraphQLError } from "graphql";
import { bodyErrorHandler, emptyBody } from "./graphql-errors.ts";
import { frontDoor, graphqlLandingForBrowsers } from "./front-door.ts";
import { attachGraphqlWs } from "./graphql-ws.ts";
import { health } from "./health.ts";
import { refuseHostileInput } from "./hostile-input.ts";
import { refuseSubscriptionOverHttp } from "./subscription-over-http.ts";
import { countSubscriptions } from "./metrics/count-subscriptions.ts";
import { createMetrics, type Metrics } from "./metrics/metrics.ts";
import { requestLog, withRequestId } from "./request-log.ts";
import { traceOperations, traceRequests } from "./trace-requests.ts";
import { uncacheableResponses } from "./uncacheable-responses.ts";

export type AppOptions = {
  engine: Engine;
  databaseUrl: string;
  adminToken: string | null;
  /** How long an operator session lasts (BACKBEAT_SESSION_HOURS; default 12). */
  sessionHours?: number;
  /** How often a WebSocket opened with an operator session checks that it still holds (default 30 s). */
  sessionCheckMs?: number;
  /** Where operators find the dashboard, linked from GET / (BACKBEAT_DASHBOARD_URL; default localhost:3000). */
  dashboardUrl?: string;
  log: Logger;
};

export type App = {
  httpServer: Server;
  feed: StatusFeed;
  pull: PullDispatcher;
  metrics: Metrics;
  /** Listens on `port` (0: any free port) and returns the port. */
  listen: (port: number, host?: string) => Promise<number>;
  /** Stops taking requests, lets running ones finish, ends subscriptions. The engine is the caller's. */
  close: () => Promise<void>;
};

export async function createApp(opts: AppOptions): Promise<App> {
  const { engine } = opts;
  const log = withRequestId(opts.log);
  const schema = await buildBackbeatSchema();
  const metrics = createMetrics(engine, Object.keys(schema.getSubscriptionType()?.getFields() ?? {}));
  const authenticate = createAuthenticator(engine, opts.adminToken);
  const authSettings = { adminToken: opts.adminToken, sessionHours: opts.sessionHours ?? 12 };
  const logError = (error: unknown) =>
    log("error", "request failed", {
      error: error instanceof Error ? { message: error.message, stack: error.stack } : String(error),
    });
  const feed = new StatusFeed(engine.sql, opts.databaseUrl, { onError: logError });
  const pull = new PullDispatcher(engine.sql, opts.databaseUrl, feed, {
    onError: logError,
    handOff: engine.context.pullHandOff,
    onHandedOut: (via, count) => metrics.pulledNodes.inc({ via }, count),
  });
  const subscriptions = { feed, pull };

  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer(app);
  const ws = attachGraphqlWs({
    httpServer,
    schema,
    authenticate,
    authSettings,
    engine,
    subscriptions,
    logError,
    sessionCheckMs: opts.sessionCheckMs ?? 30_000,
    onOperation: countSubscriptions(metrics.openSubscriptions),
  });

  const apollo = new ApolloServer<ApiContext>({
    schema,
    validationRules: [depthAndCostRule],
    formatError: (formatted, error) => formatError(formatted, error, logError),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // main.ts owns SIGTERM/SIGINT: it stops HTTP first, then the engine, then the database.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      uncacheableResponses,
      traceOperations,
      { serverWillStart: async () => ({ drainServer: () => ws.dispose() }) },
    ],
  });
  await apollo.start();

  // A request id on every response (and in the logs of what it caused).
  app.use(requestLog(log));
  const door = { dashboardUrl: opts.dashboardUrl ?? "http://localhost:3000" };
  app.get("/", frontDoor(door));
  app.get("/health", health(engine.sql, log));
  app.get("/metrics", (_req, res) => {
    metrics.registry.metrics().then(
      (text) => res.type(metrics.registry.contentType).send(text),
      (error: unknown) => {
        // Typically the database (the node gauge): a failed scrape, which Prometheus records as down.
        log("error", "metrics scrape failed", { error: String(error) });
        res.status(500).type("text/plain").send("metrics unavailable\n");
      },
    );
  });
  // A span per API request below (not for /health and /metrics), continuing the caller's traceparent.
  app.use(traceRequests());
  app.use(
    "/graphql",
    graphqlLandingForBrowsers(door),
    express.json({ limit: LIMITS.maxBodyBytes }),
    bodyErrorHandler,
    // Apollo refuses a missing body with a plain-text 500; an empty object lets it answer 400.
    emptyBody,
    refuseHostileInput,
    refuseSubscriptionOverHttp,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return contextFor(engine, await authenticate(req.header("authorization")), subscriptions, authSettings);
        } catch (error) {
          // The token could not be checked (e.g. the database is down): a fault, never shown as a refusal.
          if (error instanceof DatabaseUnavailableError) {
            throw new GraphQLError(error.message, { originalError: error, extensions: { http: { status: 503 } } });
          }
          if (!(error instanceof UnauthenticatedError)) {
            logError(error);
            throw new GraphQLError(INTERNAL_MESSAGE, {
              extensions: { code: "INTERNAL_SERVER_ERROR", http: { status: 503 } },
            });
          }
          // Signing in needs no token (a stale one is ignored): only a request that is just signIn.
          // Only a POST runs its body; a GET runs its query string, whatever body it carries.
          if (req.method === "POST" && isSignInOnly(req.body))
            return contextFor(engine, { kind: "anonymous" }, subscriptions, authSettings);
          throw new GraphQLError(error.message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
        }
      },
    }),
  );

  // The original REST API (backbeat_ruby applications) at the root, and its /v2 aliases.
  app.use(restRouter({ engine, logError }));

  return {
    httpServer,
    feed,
    pull,
    metrics,
    listen: (port, host = "0.0.0.0") =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    close: async () => {
      await pull.close();
      await feed.close();
      await apollo.stop();
      metrics.close();
    },
  };
}
