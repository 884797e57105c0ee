// The PostgreSQL every system under test shares: an embedded one started here with pg_stat_statements
// preloaded (the default), or the server at DATABASE_URL. Each system gets its own database, so its
// statements (pg_stat_statements, by dbid) and transactions (pg_stat_database.xact_commit) are its own.
// The benchmark's own reads go through the `postgres` database and so are never counted.
import { existsSync, readFileSync } from "node:fs";
import { startEmbeddedPostgres } from "@backbeat/db";
import pg from "pg";
import { trackForeignPid } from "./processes.ts";

export type BenchPostgres = {
  /** Connection string of a database on this server. */
  urlFor: (database: string) => string;
  /** A fresh, empty database (dropped first if it exists). */
  createDatabase: (name: string) => Promise<string>;
  /** false when pg_stat_statements cannot be used (e.g. not preloaded on the DATABASE_URL server). */
  hasStatements: boolean;
  resetStatements: (database: string) => Promise<void>;
  /** Statements run in `database` since its reset (pg_stat_statements calls), or null without the extension. */
  statements: (database: string) => Promise<number | null>;
  /** The statements of `database` that took the most time since its reset (for --top-sql). */
  topStatements: (database: string, limit: number) => Promise<{ calls: number; totalMs: number; query: string }[]>;
  /** pg_stat_database.xact_commit + xact_rollback of `database`. Backends flush these up to ~10 s late. */
  transactions: (database: string) => Promise<number>;
  /** CPU seconds of the whole cluster (postmaster and backends), or null when it is not ours. */
  postmasterPid: number | null;
  description: string;
  stop: () => Promise<void>;
};

export type PostgresOptions = { fsync: boolean; port: number; dataDir: string };

export async function startBenchPostgres(options: PostgresOptions): Promise<BenchPostgres> {
  const external = process.env.DATABASE_URL;
  if (external) return connect(external, null, async () => {}, "DATABASE_URL");

  const flags = [
    "-c",
    "max_connections=300",
    "-c",
    "shared_buffers=256MB",
    "-c",
    "shared_preload_libraries=pg_stat_statements",
    "-c",
    "pg_stat_statements.max=10000",
    "-c",
    "pg_stat_statements.track_utility=on",
  ];
  // The product's own launcher: it also works as root from a folder the postgres user cannot enter.
  const server = await startEmbeddedPostgres({
    dataDir: options.dataDir,
    port: options.port,
    database: "postgres",
    ephemeral: true,
    fsync: options.fsync,
    flags,
  });
  const pidFile = `${server.dataDir}/postmaster.pid`;
  const postmasterPid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").split("\n")[0]) : null;
  // If we die without stopping it: SIGQUIT is PostgreSQL's immediate shutdown.
  const untrack = postmasterPid ? trackForeignPid(postmasterPid, "SIGQUIT") : () => {};
  const adminUrl = server.adminUrl;
  const description = `embedded PostgreSQL 17 (fsync ${options.fsync ? "on" : "off"})`;
  return connect(
    adminUrl,
    postmasterPid,
    async () => {
      await server.stop();
      untrack();
    },
    description,
  );
}

async function connect(
  adminUrl: string,
  postmasterPid: number | null,
  stopServer: () => Promise<void>,
  description: string,
): Promise<BenchPostgres> {
  const maintenance = new URL(adminUrl);
  maintenance.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: maintenance.toString() });
  await admin.connect();
  let hasStatements = true;
  try {
    await admin.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await admin.query("SELECT 1 FROM pg_stat_statements LIMIT 1");
  } catch {
    hasStatements = false;
  }
  const created: string[] = [];
  const urlFor = (database: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const dbOid = `(SELECT oid FROM pg_database WHERE datname = $1)`;
  return {
    urlFor,
    hasStatements,
    description,
    postmasterPid,
    createDatabase: async (name) => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
      created.push(name);
      return urlFor(name);
    },
    resetStatements: async (database) => {
      if (hasStatements) await admin.query(`SELECT pg_stat_statements_reset(0, ${dbOid}, 0)`, [database]);
    },
    statements: async (database) => {
      if (!hasStatements) return null;
      const r = await admin.query<{ n: string }>(
        `SELECT coalesce(sum(calls), 0)::text AS n FROM pg_stat_statements WHERE dbid = ${dbOid}`,
        [database],
      );
      return Number(r.rows[0]!.n);
    },
    topStatements: async (database, limit) => {
      if (!hasStatements) return [];
      const r = await admin.query<{ calls: string; ms: number; query: string }>(
        `SELECT calls::text, total_exec_time AS ms, query FROM pg_stat_statements WHERE dbid = ${dbOid}
         ORDER BY total_exec_time DESC LIMIT ${limit}`,
        [database],
      );
      return r.rows.map((row) => ({ calls: Number(row.calls), totalMs: row.ms, query: row.query }));
    },
    transactions: async (database) => {
      const r = await admin.query<{ n: string }>(
        "SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = $1",
        [database],
      );
      return Number(r.rows[0]?.n ?? 0);
    },
    stop: async () => {
      if (postmasterPid === null) {
        // Someone else's server: leave it as we found it.
        for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      }
      await admin.end();
      await stopServer();
    },
  };
}
