// `backbeat start`: the server, in this process (the same composition root as `pnpm --filter @backbeat/server
// start`), with the admin token of the local installation (BACKBEAT_ADMIN_TOKEN or the kept one).
import { createServer } from "node:net";
import { ensureAdminToken } from "../admin-token.ts";
import { CliError, usageError } from "../cli-error.ts";
import type { Command } from "../command.ts";
import { messageOf } from "../message-of.ts";
import { parse } from "../parse.ts";
import { importServerPackage } from "../server-package.ts";

const NAME = "backbeat start";

/** Fails with a clear message when the port is taken (the HTTP server's own error comes with noise). */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new CliError(
          error.code === "EADDRINUSE"
            ? `port ${port} is already in use (EADDRINUSE): pass --port or set PORT`
            : `cannot listen on port ${port}: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

export const start: Command = {
  summary: "run the server (embedded PostgreSQL unless DATABASE_URL is set)",
  help: `Usage: ${NAME} [--port <port>] [--database-url <url>]

Runs the Backbeat server: PostgreSQL (an embedded one in BACKBEAT_DATA_DIR, default .data/pg, unless
DATABASE_URL is set), the migrations, the engine, and GraphQL over HTTP and WebSocket at /graphql.
The admin token is BACKBEAT_ADMIN_TOKEN or, when unset, the one kept in .data/admin-token (generated on the
first start). Logs are JSON lines on stdout. Ctrl-C (or SIGTERM) stops it gracefully.

Options:
  --port <port>           HTTP port (env PORT; default 4000)
  --database-url <url>    PostgreSQL to use (env DATABASE_URL; default: embedded)
  -h, --help              show this help

Other settings (environment): BACKBEAT_EMBEDDED_PG_PORT, BACKBEAT_CLIENT_TIMEOUT_SECONDS,
BACKBEAT_HTTP_TIMEOUT_MS, LOG_LEVEL (see docs/operations.md).`,
  run: async (argv) => {
    const { values } = parse(argv, { port: { type: "string" }, "database-url": { type: "string" } }, NAME);
    const { runServer, stopOnSignals } = await importServerPackage(NAME, () => import("@backbeat/server/run-server"));
    const env = { ...process.env };
    if (values.port !== undefined) {
      if (!/^\d{1,5}$/.test(values.port)) throw usageError(`--port must be a port number, not ${values.port}`, NAME);
      env.PORT = values.port;
    }
    if (values["database-url"] !== undefined) env.DATABASE_URL = values["database-url"];
    await assertPortFree(Number(env.PORT || 4000));
    const admin = ensureAdminToken(env);
    env.BACKBEAT_ADMIN_TOKEN = admin.token;

    const server = await runServer(env).catch((error: unknown) => {
      throw new CliError(`the server did not start: ${messageOf(error)}`);
    });
    stopOnSignals(server);
    const where = admin.source === "environment" ? "from BACKBEAT_ADMIN_TOKEN" : `kept in ${admin.file}`;
    process.stderr.write(`backbeat: GraphQL at ${server.graphqlUrl} (admin token ${where}); Ctrl-C to stop\n`);
  },
};
