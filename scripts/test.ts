// Runs every test file with node's test runner against a real PostgreSQL: an embedded server
// (unless BACKBEAT_TEST_ADMIN_URL points at one), a template database with the migrations, and a
// clone of it per test file.
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyMigrations, startEmbeddedPostgres } from "@backbeat/db";
import { freePort, TEST_ADMIN_URL_ENV, TEST_TEMPLATE_ENV } from "@backbeat/db/testing";

const ROOT = path.resolve(import.meta.dirname, "..");
const TEMPLATE = "backbeat_template";
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
  const port = await freePort();
  const pgServer = await startEmbeddedPostgres({
    dataDir: `/tmp/backbeat-test-pg-${process.pid}`,
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
const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...files], {
  stdio: "inherit",
  env: {
    ...process.env,
    [TEST_ADMIN_URL_ENV]: adminUrl,
    [TEST_TEMPLATE_ENV]: TEMPLATE,
    TSX_TSCONFIG_PATH: TSX_TSCONFIG,
  },
});
const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
await stop();
process.exit(code);
