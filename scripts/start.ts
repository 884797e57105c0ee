// `pnpm start`: the whole product on one machine. The server (compiled first: `pnpm build`; embedded
// PostgreSQL in .data/pg unless DATABASE_URL is set), the demo client with the camera-purchase worker and a
// demo shop signalling a purchase every few seconds, and the dashboard when it exists. Ctrl-C (SIGINT) or
// SIGTERM stops everything, in reverse order, and exits 0.
//
// Environment: PORT (4000), DASHBOARD_PORT (3000), BACKBEAT_EMBEDDED_PG_PORT (5433), BACKBEAT_DATA_DIR
// (.data/pg; the admin token and the demo client are kept in its parent folder), BACKBEAT_ADMIN_TOKEN,
// DATABASE_URL, BACKBEAT_DEMO_INTERVAL_MS (4000), BACKBEAT_START_DASHBOARD=0 to leave the dashboard out.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { adminTokenFile, ensureAdminToken, stateDir } from "../apps/cli/src/admin-token.ts";
import { buildServer } from "./start/build-server.ts";
import { startChild, type Child } from "./start/child.ts";
import { buildDashboard, dashboardState, nextBin } from "./start/dashboard.ts";
import { ensureDemoClient } from "./start/demo-client.ts";
import { cleanLeftovers, recordStart, type StartRecord } from "./start/leftovers.ts";
import { assertPortFree } from "./start/port-free.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const DASHBOARD_DIR = path.join(ROOT, "apps/dashboard");
const EXAMPLE_DIR = path.join(ROOT, "examples/camera-purchase/src");
const say = (line: string) => process.stdout.write(`${line}\n`);

// Run from a subfolder, the state (database, admin token) would be a second, empty one in that folder.
const initCwd = process.env.INIT_CWD;
if (initCwd && path.resolve(initCwd) !== ROOT && !path.isAbsolute(process.env.BACKBEAT_DATA_DIR ?? "")) {
  say(`pnpm start: run it from the repository root (cd ${ROOT} && pnpm start), not from ${initCwd}`);
  process.exit(1);
}

const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: process.env.INIT_CWD ?? ROOT, NEXT_TELEMETRY_DISABLED: "1" };
const port = Number(env.PORT || 4000);
const dashboardPort = Number(env.DASHBOARD_PORT || 3000);
const graphqlUrl = `http://localhost:${port}/graphql`;

const children: Child[] = [];
let stopping = false;
let record: StartRecord | null = null;
function track(child: Child): void {
  children.push(child);
  if (child.process.pid !== undefined) record?.add(child.process.pid);
}

async function stopAll(code: number): Promise<never> {
  stopping = true;
  for (const child of [...children].reverse()) {
    say(`stopping ${child.name}…`);
    await child.stop();
  }
  record?.clear();
  say("stopped");
  process.exit(code);
}
// A closed console (e.g. piped into `head`) must not crash the script before it has stopped its children.
process.stdout.on("error", () => {});
// Last resort when the script ends some other way (an exception): no child outlives it.
process.on("exit", () => {
  for (const child of children) {
    if (child.process.exitCode === null && child.process.pid !== undefined) {
      try {
        process.kill(-child.process.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (!stopping) void stopAll(0);
  });
}

async function waitForHealth(server: Child): Promise<void> {
  const deadline = Date.now() + 180_000;
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (
    !(await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (exited) throw new Error("the server stopped (see [server] above)");
    if (Date.now() > deadline) throw new Error("the server did not answer /health within 3 minutes");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  mkdirSync(stateDir(env), { recursive: true });
  const dataDir = path.resolve(env.INIT_CWD ?? ROOT, env.BACKBEAT_DATA_DIR || ".data/pg");
  await cleanLeftovers(stateDir(env), env.DATABASE_URL ? null : dataDir, say);
  record = recordStart(stateDir(env));
  await assertPortFree(port, "PORT");
  const admin = ensureAdminToken(env);
  env.BACKBEAT_ADMIN_TOKEN = admin.token;

  let dashboard = env.BACKBEAT_START_DASHBOARD === "0" ? "absent" : dashboardState(DASHBOARD_DIR);
  if (dashboard !== "absent") await assertPortFree(dashboardPort, "DASHBOARD_PORT");
  if (dashboard === "stale") {
    say("building the dashboard (once, and again when its sources change)…");
    dashboard = (await buildDashboard(ROOT, env)) ? "built" : "absent";
    if (dashboard === "absent") say("the dashboard did not build: starting without it");
  }
  if (stopping) return;
  say("building the server and the CLI (once, then only what changed)…");
  if (!(await buildServer(ROOT, env)) && !stopping) throw new Error("the build failed (see above)");
  if (stopping) return;

  const node = process.execPath;
  const server = startChild("server", node, [path.join(ROOT, "apps/cli/bin/backbeat.js"), "start"], {
    cwd: ROOT,
    env: {
      ...env,
      PORT: String(port),
      LOG_LEVEL: env.LOG_LEVEL ?? "error",
      // The server's front page (GET /) links to the dashboard.
      BACKBEAT_DASHBOARD_URL: env.BACKBEAT_DASHBOARD_URL ?? `http://localhost:${dashboardPort}`,
    },
    prefix: "[server] ",
  });
  track(server);
  await waitForHealth(server);
  if (stopping) return;

  const clientFile = path.join(stateDir(env), "demo-client.json");
  await ensureDemoClient(graphqlUrl, admin.token, clientFile);
  if (stopping) return;
  const exampleEnv = { ...env, BACKBEAT_URL: graphqlUrl, BACKBEAT_CLIENT_FILE: clientFile };
  const tsx = ["--import", "tsx"];
  track(
    startChild("camera worker", node, [...tsx, path.join(EXAMPLE_DIR, "pull-worker.ts")], {
      cwd: ROOT,
      env: exampleEnv,
      prefix: "",
    }),
  );
  track(
    startChild("demo shop", node, [...tsx, path.join(EXAMPLE_DIR, "demo.ts")], {
      cwd: ROOT,
      env: exampleEnv,
      prefix: "",
    }),
  );
  if (dashboard === "built") {
    track(
      startChild("dashboard", node, [nextBin(DASHBOARD_DIR), "start", "-p", String(dashboardPort)], {
        cwd: DASHBOARD_DIR,
        env: { ...env, PORT: String(dashboardPort), BACKBEAT_GRAPHQL_URL: graphqlUrl },
        prefix: "[dashboard] ",
      }),
    );
  }

  const tokenWhere = admin.source === "environment" ? "from BACKBEAT_ADMIN_TOKEN" : `kept in ${adminTokenFile(env)}`;
  say(`
Backbeat is running.
  GraphQL:      ${graphqlUrl}
  Dashboard:    ${dashboard === "built" ? `http://localhost:${dashboardPort}  (sign in: login "admin", password: the admin token)` : "not started"}
  Admin token:  ${admin.token}  (${tokenWhere})
  A purchase:   pnpm backbeat workflow tree <workflow id>${port === 4000 ? "" : ` --url ${graphqlUrl}`}   (the [demo] lines below print the ids)
  Ctrl-C to stop.
`);
  for (const child of children) {
    void child.exited.then((code) => {
      if (!stopping) {
        say(`${child.name} exited (${code}): stopping everything`);
        void stopAll(1);
      }
    });
  }
}

main().catch((error: unknown) => {
  // One line that says what failed, never "undefined" (pg's connection errors have an empty message).
  const cause = error instanceof AggregateError ? (error.errors[0] as unknown) : error;
  say(`pnpm start: ${cause instanceof Error ? cause.message || cause.name : String(cause)}`);
  void stopAll(1);
});
