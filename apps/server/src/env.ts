// The server's configuration: read from the environment here and nowhere else, validated once.
import { DEFAULT_EMBEDDED_PORT, localDataDir } from "@backbeat/db";

export type ServerEnv = {
  port: number;
  /** Unset: an embedded PostgreSQL is started in `dataDir` (absolute). */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPort: number;
  adminToken: string | null;
  logLevel: "debug" | "info" | "warn" | "error";
  clientTimeoutSeconds: number;
  httpTimeoutMs: number;
  /** How long an operator session (signIn) lasts. */
  sessionHours: number;
  /** Where operators find the dashboard: linked from the server's front page (GET /). */
  dashboardUrl: string;
};

function int(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not ${JSON.stringify(raw)}`);
  return n;
}

function positive(n: number, name: string): number {
  if (n < 1) throw new Error(`${name} must be at least 1`);
  return n;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const logLevel = env.LOG_LEVEL ?? "info";
  if (!["debug", "info", "warn", "error"].includes(logLevel))
    throw new Error(`LOG_LEVEL must be debug, info, warn or error`);
  return {
    port: int("PORT", 4000, env),
    databaseUrl: env.DATABASE_URL || null,
    dataDir: localDataDir(env.BACKBEAT_DATA_DIR, env),
    embeddedPort: int("BACKBEAT_EMBEDDED_PG_PORT", DEFAULT_EMBEDDED_PORT, env),
    adminToken: env.BACKBEAT_ADMIN_TOKEN || null,
    logLevel: logLevel as ServerEnv["logLevel"],
    clientTimeoutSeconds: int("BACKBEAT_CLIENT_TIMEOUT_SECONDS", 172_800, env),
    httpTimeoutMs: int("BACKBEAT_HTTP_TIMEOUT_MS", 30_000, env),
    sessionHours: positive(int("BACKBEAT_SESSION_HOURS", 12, env), "BACKBEAT_SESSION_HOURS"),
    dashboardUrl: env.BACKBEAT_DASHBOARD_URL || "http://localhost:3000",
  };
}
