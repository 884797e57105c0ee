// Starts a real PostgreSQL (binaries shipped in an npm package) so that a machine with nothing but
// Node.js can run Backbeat. Used when DATABASE_URL is unset, and by the test harness.
//
// As root, PostgreSQL runs as the `postgres` OS user, which must reach its binaries and its data folder:
// when the checkout lies in a folder other users cannot traverse (under /root, in a `mktemp -d` folder),
// both move to /var/lib/backbeat (see embedded/). Every failure is an EmbeddedPostgresError whose message
// is one line that says what to do.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { EmbeddedPostgresError } from "./embedded/embedded-postgres-error.ts";
import { findPostgresDistribution } from "./embedded/postgres-distribution.ts";
import { postgresOsUser } from "./embedded/postgres-os-user.ts";
import { reachableDataDir } from "./embedded/reachable-data-dir.ts";
import { reachableDistribution } from "./embedded/reachable-distribution.ts";
import { runInitdb } from "./embedded/run-initdb.ts";
import { runPostgres } from "./embedded/run-postgres.ts";

export { EmbeddedPostgresError } from "./embedded/embedded-postgres-error.ts";
export {
  DEFAULT_EMBEDDED_DATA_DIR,
  DEFAULT_EMBEDDED_PORT,
  EMBEDDED_DATABASE_NAME,
  localDataDir,
} from "./embedded/local-database.ts";

export type EmbeddedDatabase = {
  /** Connection string of the `database` created (or reused) on the cluster. */
  url: string;
  /** URL of the `postgres` maintenance database: used to create and drop databases. */
  adminUrl: string;
  /** The data folder in use: the one asked for, or its stand-in under /var/lib/backbeat (see above). */
  dataDir: string;
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
  /** More server settings, as `-c name=value` pairs (a later one wins), e.g. the benchmark's pg_stat_statements. */
  flags?: string[];
};

const PASSWORD = "backbeat";

async function createDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password: PASSWORD, database: "postgres" });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const user = postgresOsUser();
  const binDir = path.join(reachableDistribution(findPostgresDistribution(), user), "bin");
  const dataDir = reachableDataDir(path.resolve(opts.dataDir), user);
  const flags = ["-c", "max_connections=200", "-c", "shared_buffers=256MB"];
  if (opts.fsync === false) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  flags.push(...(opts.flags ?? []));

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await runInitdb(binDir, dataDir, PASSWORD, user);
  const server = await runPostgres(binDir, dataDir, opts.port, flags, user);
  const stop = async () => {
    await server.stop();
    if (opts.ephemeral) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await createDatabase(opts.port, opts.database);
  } catch (error) {
    await stop();
    const why = error instanceof Error ? error.message : String(error);
    throw new EmbeddedPostgresError(`the embedded PostgreSQL in ${dataDir} refused database ${opts.database}: ${why}`);
  }
  // The Unix socket (in /tmp, PostgreSQL's default) rather than TCP: measured ~25% cheaper per
  // round trip here, and the engine makes many small ones.
  const base = `postgresql://postgres:${PASSWORD}@%2Ftmp:${opts.port}`;
  return { url: `${base}/${opts.database}`, adminUrl: `${base}/postgres`, dataDir, stop };
}
