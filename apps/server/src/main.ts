// `pnpm start`: the server (see run-server.ts), stopped gracefully on SIGTERM/SIGINT.
import { runServer, stopOnSignals } from "./run-server.ts";

try {
  stopOnSignals(await runServer());
} catch (error) {
  // One line (e.g. why the embedded PostgreSQL cannot start, and what to do), not a stack trace.
  process.stderr.write(`backbeat server did not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
