// Where a local installation keeps its embedded PostgreSQL when DATABASE_URL is unset: the one
// place for these defaults, used by the server (apps/server/src/env.ts, run-server.ts) and by
// `backbeat migrate`. The folder is resolved from where the command was started (INIT_CWD under pnpm).
import path from "node:path";

export const DEFAULT_EMBEDDED_DATA_DIR = ".data/pg";
export const DEFAULT_EMBEDDED_PORT = 5433;
export const EMBEDDED_DATABASE_NAME = "backbeat";

/** The data folder as an absolute path; `dataDir` is BACKBEAT_DATA_DIR (empty or unset: the default). */
export function localDataDir(dataDir: string | undefined, env: { INIT_CWD?: string } = process.env): string {
  return path.resolve(env.INIT_CWD ?? process.cwd(), dataDir || DEFAULT_EMBEDDED_DATA_DIR);
}
