// `backbeat migrate`: applies the database migrations (the server also does at start), to DATABASE_URL or to
// the embedded PostgreSQL, which it starts for the purpose and stops again.
import { CliError } from "../cli-error.ts";
import { print, type Command } from "../command.ts";
import { messageOf } from "../message-of.ts";
import { parse } from "../parse.ts";
import { importServerPackage } from "../server-package.ts";

const NAME = "backbeat migrate";

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(DATABASE_URL)";
  }
}

export const migrate: Command = {
  summary: "apply the database migrations (DATABASE_URL or the embedded database)",
  help: `Usage: ${NAME} [--database-url <url>]

Applies the pending migrations (prisma/migrations) and prints their names. The server applies them at
start as well; this is for deployments that migrate first. Without DATABASE_URL it starts the embedded
PostgreSQL (BACKBEAT_DATA_DIR, default .data/pg, port BACKBEAT_EMBEDDED_PG_PORT, default 5433) and stops it.

Options:
  --database-url <url>    PostgreSQL to migrate (env DATABASE_URL; default: embedded)
  -h, --help              show this help`,
  run: async (argv) => {
    const { values } = parse(argv, { "database-url": { type: "string" } }, NAME);
    const db = await importServerPackage(NAME, () => import("@backbeat/db"));
    const { applyMigrations, startEmbeddedPostgres } = db;
    let url = values["database-url"] ?? (process.env.DATABASE_URL || "");
    let stop = async () => {};
    if (!url) {
      const dataDir = db.localDataDir(process.env.BACKBEAT_DATA_DIR);
      const port = Number(process.env.BACKBEAT_EMBEDDED_PG_PORT || db.DEFAULT_EMBEDDED_PORT);
      try {
        const embedded = await startEmbeddedPostgres({ dataDir, port, database: db.EMBEDDED_DATABASE_NAME });
        url = embedded.url;
        stop = embedded.stop;
      } catch (error) {
        throw new CliError(`cannot start the embedded PostgreSQL in ${dataDir}: ${messageOf(error)}`);
      }
    }
    try {
      const applied = await applyMigrations(url);
      for (const name of applied) print(`applied ${name}`);
      print(applied.length === 0 ? "the database is up to date" : `${applied.length} migration(s) applied`);
    } catch (error) {
      throw new CliError(`cannot migrate ${redact(url)}: ${messageOf(error)}`);
    } finally {
      await stop();
    }
  },
};
