// Everything the browser suite talks to, started fresh: an embedded PostgreSQL with a new database,
// the real server process (migrations applied at its start) and the built dashboard.
import path from "node:path";
import { startEmbeddedPostgres } from "@backbeat/db";
import { freePort } from "@backbeat/db/testing";
import { ADMIN_TOKEN, startServerProcess } from "../../src/server-process.ts";
import { startDashboardProcess } from "./dashboard-process.ts";

export type Stack = {
  /** The fresh database (tests use it only to age a node, which no process clock can do for them). */
  databaseUrl: string;
  /** The server's GraphQL endpoint, http://127.0.0.1:<port>/graphql. */
  graphqlUrl: string;
  /** The dashboard, http://127.0.0.1:<port>. */
  dashboardUrl: string;
  adminToken: string;
  stop: () => Promise<void>;
};

/** What global setup hands the test workers, through the environment. */
export const STACK_ENV = {
  databaseUrl: "BACKBEAT_E2E_DATABASE_URL",
  graphqlUrl: "BACKBEAT_E2E_GRAPHQL_URL",
  dashboardUrl: "BACKBEAT_E2E_DASHBOARD_URL",
} as const;

export async function startStack(): Promise<Stack> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch((e: unknown) => console.error("stack teardown", e));
  };
  try {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join("/tmp", `backbeat-browser-pg-${process.pid}`),
      port: await freePort(),
      database: "backbeat_browser",
      ephemeral: true,
      fsync: false,
    });
    stops.push(pg.stop);
    const server = await startServerProcess("server", pg.url);
    stops.push(server.kill);
    const dashboard = await startDashboardProcess(server.url);
    stops.push(dashboard.kill);
    return { databaseUrl: pg.url, graphqlUrl: server.url, dashboardUrl: dashboard.url, adminToken: ADMIN_TOKEN, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
