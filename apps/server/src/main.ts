// `pnpm start`: the server (see run-server.ts), stopped gracefully on SIGTERM/SIGINT.
import path from "node:path";
import { runServer, stopOnSignals } from "./run-server.ts";

// `pnpm start` typed inside apps/server runs this package's script, not the product's: with no
// DATABASE_URL it would start a second, empty embedded database in apps/server/.data, with no admin
// token. (`pnpm --filter @backbeat/server start` from the root keeps the root's .data.)
const packageDir = path.resolve(import.meta.dirname, "..");
const initCwd = process.env.INIT_CWD;
if (process.env.npm_lifecycle_event === "start" && initCwd && path.resolve(initCwd) === packageDir) {
  if (!process.env.DATABASE_URL && !path.isAbsolute(process.env.BACKBEAT_DATA_DIR ?? "")) {
    const root = path.resolve(packageDir, "../..");
    process.stderr.write(`pnpm start in apps/server: run it from the repository root (cd ${root} && pnpm start)\n`);
    process.exit(1);
  }
}

try {
  stopOnSignals(await runServer());
} catch (error) {
  // One line (e.g. why the embedded PostgreSQL cannot start, and what to do), not a stack trace.
  process.stderr.write(`backbeat server did not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
