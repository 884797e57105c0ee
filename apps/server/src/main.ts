// Composition root: configuration → database (embedded when DATABASE_URL is unset) → migrations
// → engine with its scheduler → HTTP. Stops gracefully on SIGTERM/SIGINT.
import { createServer } from "node:http";
import path from "node:path";
import { applyMigrations, startEmbeddedPostgres } from "@backbeat/db";
import { createEngine, jsonLogger } from "@backbeat/engine";
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

const http = createServer((req, res) => {
  if (req.url === "/health") {
    engine.db.$queryRaw`SELECT 1`.then(
      () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "OK", time: new Date() })),
      () => res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ status: "DATABASE_UNREACHABLE" })),
    );
    return;
  }
  res.writeHead(404).end();
});
http.listen(env.port, () => log("info", "backbeat server listening", { port: env.port }));

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log("info", "shutting down", { signal });
  http.close();
  await engine.close();
  await stopDatabase();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
