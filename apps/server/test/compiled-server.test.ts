// The production build: `pnpm build` compiles the server (tsc, decorator metadata included), which then runs
// with plain node (no tsx anywhere: not in its arguments, not in NODE_OPTIONS) against an embedded PostgreSQL,
// answers /health and a GraphQL query, and stops on SIGTERM. The same for `backbeat start` (the CLI's bin).
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { freePort } from "@backbeat/db/testing";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const ADMIN = "compiled-test-admin";

/** Starts `args` with plain node, checks /health and a query, then stops it with SIGTERM: exit code 0. */
async function runAndQuery(args: string[], dataDir: string): Promise<void> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    BACKBEAT_EMBEDDED_PG_PORT: String(await freePort()),
    BACKBEAT_DATA_DIR: dataDir,
    BACKBEAT_ADMIN_TOKEN: ADMIN,
    LOG_LEVEL: "warn",
  };
  for (const name of ["DATABASE_URL", "NODE_OPTIONS", "TSX_TSCONFIG_PATH"]) delete env[name];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    const deadline = performance.now() + 60_000;
    let healthy = false;
    while (!healthy && child.exitCode === null && performance.now() < deadline) {
      healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (!healthy) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(healthy, `no /health answer from node ${args.join(" ")}:\n${output}`);
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ query: "{ me { id role } }" }),
    });
    assert.deepEqual(await res.json(), { data: { me: { id: "admin", role: "ADMIN" } } });
  } finally {
    child.kill("SIGTERM");
  }
  assert.equal(await exited, 0, output);
  assert.doesNotMatch(output, /tsx/);
}

describe("the compiled server", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "bb-compiled-"));
  // The embedded PostgreSQL runs as an unprivileged user when the tests run as root: let it reach pg/ here.
  chmodSync(dir, 0o755);
  after(() => rmSync(dir, { recursive: true, force: true }));

  before(async () => {
    await promisify(execFile)("pnpm", ["run", "--silent", "build"], { cwd: ROOT, timeout: 180_000 });
  });

  it("runs apps/server/dist/main.js with node", { timeout: 90_000 }, async () => {
    await runAndQuery(["--conditions=backbeat-compiled", "apps/server/dist/main.js"], path.join(dir, "server-pg"));
  });

  it("runs `backbeat start` from the compiled CLI with node", { timeout: 90_000 }, async () => {
    await runAndQuery(["apps/cli/bin/backbeat.js", "start"], path.join(dir, "cli-pg"));
  });
});
