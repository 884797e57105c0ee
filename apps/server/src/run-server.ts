// The composition root as a function, shared by `pnpm start` (main.ts) and `backbeat start`:
// configuration → database (embedded when DATABASE_URL is unset) → migrations → engine with its
// scheduler → HTTP (GraphQL over HTTP and WebSocket, /health). `stop()` is graceful: no new
// requests, running ones finish, then the engine and the database stop.
import { applyMigrations, EMBEDDED_DATABASE_NAME, startEmbeddedPostgres } from "@backbeat/db";
import { createEngine, jsonLogger, type Logger } from "@backbeat/engine";
import { createApp } from "./app.ts";
import { readEnv } from "./env.ts";
import { boundHeapGrowth } from "./heap-growth.ts";
import { startTracing } from "./tracing.ts";

export type RunningServer = {
  port: number;
  /** http://localhost:<port>/graphql */
  graphqlUrl: string;
  log: Logger;
  stop: () => Promise<void>;
};

export async function runServer(environment: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  const env = readEnv(environment);
  const log = jsonLogger(env.logLevel);
  boundHeapGrowth(environment);
  // Before anything starts spans: OTEL_EXPORTER_OTLP_ENDPOINT or BACKBEAT_TRACING=1 (tracing.ts).
  const tracing = await startTracing(environment, "backbeat-server");
  if (tracing) log("info", "tracing on: spans are exported over OTLP/HTTP");
  const stopTracing = async () => {
    await tracing?.shutdown().catch((error: unknown) => log("warn", "trace export failed", { error: String(error) }));
  };

  let databaseUrl = env.databaseUrl;
  let stopDatabase = async () => {};
  if (!databaseUrl) {
    const dataDir = env.dataDir;
    log("info", "starting embedded PostgreSQL", { dataDir, port: env.embeddedPort });
    const embedded = await startEmbeddedPostgres({ dataDir, port: env.embeddedPort, database: EMBEDDED_DATABASE_NAME });
    if (embedded.dataDir !== dataDir) {
      log("warn", "the postgres OS user cannot reach the data folder: the database lives elsewhere", {
        dataDir: embedded.dataDir,
      });
    }
    databaseUrl = embedded.url;
    stopDatabase = embedded.stop;
  }
  let engine: ReturnType<typeof createEngine> | null = null;
  let app: Awaited<ReturnType<typeof createApp>>;
  let port: number;
  try {
    const applied = await applyMigrations(databaseUrl);
    log("info", "migrations applied", { applied });

    engine = createEngine({
      databaseUrl,
      log,
      config: { clientTimeoutSeconds: env.clientTimeoutSeconds, httpTimeoutMs: env.httpTimeoutMs },
    });
    await engine.scheduler.start();

    if (!env.adminToken)
      log("warn", "BACKBEAT_ADMIN_TOKEN is not set: nobody can act as an operator (or create clients)");
    app = await createApp({
      engine,
      databaseUrl,
      adminToken: env.adminToken,
      sessionHours: env.sessionHours,
      dashboardUrl: env.dashboardUrl,
      log,
    });
    port = await app.listen(env.port);
  } catch (error) {
    // E.g. the port is taken: leave no engine or embedded PostgreSQL behind.
    await engine?.close();
    await stopDatabase();
    await stopTracing();
    throw error;
  }
  const running = { app, engine };
  const graphqlUrl = `http://localhost:${port}/graphql`;
  log("info", "backbeat server listening", { port, graphql: graphqlUrl });

  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      await running.app.close();
      log("info", "http stopped");
      await running.engine.close();
      log("info", "engine stopped");
      await stopDatabase();
      await stopTracing();
      log("info", "stopped");
    })());
  return { port, graphqlUrl, log, stop };
}

/** Stops the server on SIGTERM/SIGINT, then exits 0. */
export function stopOnSignals(server: RunningServer): void {
  const shutdown = (signal: string) => {
    server.log("info", "shutting down", { signal });
    void server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        server.log("error", "shutdown failed", { error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}
