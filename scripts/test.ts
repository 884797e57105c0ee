// Runs every test file with node's test runner against a real PostgreSQL: an embedded server
// (unless BACKBEAT_TEST_ADMIN_URL points at one), a template database with the migrations, and a
// clone of it per test file.
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyMigrations, startEmbeddedPostgres } from "@backbeat/db";
import { freePort, TEST_ADMIN_URL_ENV, TEST_TEMPLATE_ENV } from "@backbeat/db/testing";
import { testRunnerArgs } from "./test/runner-args.ts";
import { cleanStaleTestDatabases, TEST_PG_PREFIX } from "./test/stale-test-databases.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const TEMPLATE = "backbeat_template";
// A test that runs longer than TEST_TIMEOUT_MS fails (runner-args.ts); the whole run is stopped after
// RUN_TIMEOUT_MIN minutes whatever happens.
const TEST_TIMEOUT_MS = Number(process.env.BACKBEAT_TEST_TIMEOUT_MS || 300_000);
const RUN_TIMEOUT_MIN = Number(process.env.BACKBEAT_TEST_RUN_TIMEOUT_MIN || 60);
const TEST_DIRS = ["packages", "apps", "e2e", "bench"];

function findTests(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) findTests(full, out);
    else if (entry.endsWith(".test.ts")) out.push(full);
  }
  return out;
}

async function prepareTemplate(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${TEMPLATE}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${TEMPLATE}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE}`;
  await applyMigrations(url.toString());
}

const filters = process.argv.slice(2);
const files = TEST_DIRS.flatMap((d) => findTests(path.join(ROOT, d))).filter(
  (f) => filters.length === 0 || filters.some((p) => f.includes(p)),
);

let stop = async () => {};
let adminUrl = process.env[TEST_ADMIN_URL_ENV];
if (!adminUrl) {
  for (const dir of await cleanStaleTestDatabases()) process.stdout.write(`tests: removed ${dir} (its run had died)\n`);
  const port = await freePort();
  const pgServer = await startEmbeddedPostgres({
    dataDir: `/tmp/${TEST_PG_PREFIX}${process.pid}`,
    port,
    database: "postgres",
    ephemeral: true,
    fsync: false,
  }).catch((error: unknown) => {
    // One line that says what to do (e.g. set BACKBEAT_TEST_ADMIN_URL), not a stack trace.
    process.stderr.write(`tests: cannot start the embedded PostgreSQL: ${(error as Error).message}\n`);
    process.exit(1);
  });
  adminUrl = pgServer.adminUrl;
  stop = pgServer.stop;
}
await prepareTemplate(adminUrl);

// tsx reads one tsconfig per process (by default the working directory's, which covers only
// scripts/ and bench/), and applies it only to the files that tsconfig includes: the API's
// type-graphql classes need packages/api's legacy-decorator settings.
const TSX_TSCONFIG = path.join(ROOT, "packages/api/tsconfig.json");
const child = spawn(process.execPath, [...testRunnerArgs(TEST_TIMEOUT_MS), ...files], {
  stdio: "inherit",
  env: {
    ...process.env,
    [TEST_ADMIN_URL_ENV]: adminUrl,
    [TEST_TEMPLATE_ENV]: TEMPLATE,
    TSX_TSCONFIG_PATH: TSX_TSCONFIG,
  },
});
const runTimer = setTimeout(() => {
  process.stderr.write(`tests: still running after ${RUN_TIMEOUT_MIN} minutes: stopped\n`);
  child.kill("SIGKILL");
}, RUN_TIMEOUT_MIN * 60_000);
const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
clearTimeout(runTimer);
await stop();
process.exit(code);
