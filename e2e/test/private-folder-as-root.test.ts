// As root, in a folder other users cannot traverse (mode 0700, like `mktemp -d` or /root): a clone of this
// repository installs, runs a database test file through the test runner, builds, and starts the server, whose
// embedded PostgreSQL (run as the `postgres` OS user) must then use copies in /var/lib/backbeat. Runs the
// clone's committed code: commit first. Only as root (elsewhere PostgreSQL runs as the caller).
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { after, describe, it } from "node:test";
import { freePort } from "@backbeat/db/testing";
import { pollUntil, trackChild } from "../src/cluster.ts";
import { gql } from "../src/graphql-client.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const asRoot = process.getuid?.() === 0;

/** The environment of a fresh shell: none of this test run's database, tsx or test-runner settings. */
function cleanEnv(cwd: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: cwd };
  for (const name of [
    "DATABASE_URL",
    "BACKBEAT_TEST_ADMIN_URL",
    "BACKBEAT_TEST_TEMPLATE",
    "TSX_TSCONFIG_PATH",
    "NODE_TEST_CONTEXT",
  ]) {
    delete env[name];
  }
  return env;
}

describe("a checkout in a 0700 folder, as root", { skip: asRoot ? false : "runs only as root" }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), "bb-private-"));
  const clone = path.join(dir, "bb");
  const stateDirs: string[] = [];
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    for (const d of stateDirs) rmSync(d, { recursive: true, force: true });
  });

  it("installs, runs a database test and starts the server", { timeout: 420_000 }, async () => {
    assert.equal((await run("stat", ["-c", "%a", dir])).stdout.trim(), "700");
    await run("git", ["clone", "--quiet", ROOT, clone], { timeout: 60_000 });
    const env = cleanEnv(clone);
    await run("pnpm", ["install", "--frozen-lockfile", "--offline"], { cwd: clone, env, timeout: 120_000 });

    const tests = await run(process.execPath, ["--import", "tsx", "scripts/test.ts", "packages/engine/test/links"], {
      cwd: clone,
      env,
      timeout: 120_000,
    }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`the clone's tests failed: ${error.stderr || error.stdout || error.message}`);
    });
    assert.match(tests.stdout, /# fail 0/);

    // As `pnpm start` does: the server runs compiled, with plain node.
    await run("pnpm", ["run", "--silent", "build"], { cwd: clone, env, timeout: 180_000 });
    const port = await freePort();
    const token = "bba_private-folder-test";
    const server = spawn(process.execPath, ["apps/cli/bin/backbeat.js", "start", "--port", String(port)], {
      cwd: clone,
      env: {
        ...env,
        BACKBEAT_EMBEDDED_PG_PORT: String(await freePort()),
        BACKBEAT_ADMIN_TOKEN: token,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    trackChild(server);
    let output = "";
    let exited = false;
    server.on("exit", () => (exited = true));
    server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    createInterface({ input: server.stdout }).on("line", (line) => {
      output += `${line}\n`;
      const moved = /"dataDir":"([^"]+)"/.exec(line);
      if (moved?.[1]) stateDirs.push(moved[1]);
    });
    try {
      const healthy = await pollUntil(
        async () =>
          exited ||
          (await fetch(`http://127.0.0.1:${port}/health`).then(
            (r) => r.ok,
            () => false,
          )),
        90_000,
      );
      assert.ok(healthy && !exited, `the server did not start:\n${output}`);
      const data = await gql(`http://127.0.0.1:${port}/graphql`, token, "{ me { login } }");
      assert.equal(data.me.login, "admin");
      // .data/pg lies in the 0700 folder: the database moved where the postgres user can own it.
      assert.equal(stateDirs.length, 1, output);
      assert.match(stateDirs[0]!, /^\/var\/lib\/backbeat\/data-/);
    } finally {
      server.kill("SIGTERM");
      await new Promise((resolve) => (exited ? resolve(null) : server.once("exit", resolve)));
    }
    assert.equal(server.exitCode, 0, output);
  });
});
