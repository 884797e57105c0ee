// `pnpm start`: the server (see run-server.ts), stopped gracefully on SIGTERM/SIGINT.
import { runServer, stopOnSignals } from "./run-server.ts";

stopOnSignals(await runServer());
