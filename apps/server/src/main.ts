// Composition root: configuration → database (embedded when DATABASE_URL is unset) → migrations
// → engine with its scheduler → HTTP (GraphQL over HTTP and WebSocket, /health). Stops gracefully
// on SIGTERM/SIGINT: no new requests, running ones finish, then the engine and the database stop.
import path from "node:path";
import { applyMigrations, startEmbeddedPostgres } from "@backbeat/db";
import { createEngine, jsonLogger } from "@backbeat/engine";
import { createApp } from "./app.ts";
import { readEnv } from "./env.ts";

const env = readEnv();
const log = jsonLogger(env.logLevel);

let databaseUrl = env.databaseUrl;
let stopDatabase = async () => {};
if (!databaseUrl) {
  const dataDir = path.resolve(process.env.INIT_CWD ?? process.cwd(), env.dataDir);
  log("info", "starting embedded PostgreSQL", { dataDir, port: env.embeddedPort });
  const embedded = await startEmbeddedPostgres({ dataDir, port: env.embeddedPort, database: "backbeat" });
  databaseUrl = embedded.url;
  stopDatabase = embedded.stop;
}
const applied = await applyMigrations(databaseUrl);
log("info", "migrations applied", { applied });

const engine = createEngine({
  databaseUrl,
  log,
  config: { clientTimeoutSeconds: env.clientTimeoutSeconds, httpTimeoutMs: env.httpTimeoutMs },
});
await engine.scheduler.start();

if (!env.adminToken) log("warn", "BACKBEAT_ADMIN_TOKEN is not set: nobody can act as an operator (or create clients)");
const app = await createApp({ engine, databaseUrl, adminToken: env.adminToken, log });
const port = await app.listen(env.port);
log("info", "backbeat server listening", { port, graphql: `http://localhost:${port}/graphql` });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log("info", "shutting down", { signal });
  await app.close();
  log("info", "http stopped");
  await engine.close();
  log("info", "engine stopped");
  await stopDatabase();
  log("info", "stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
