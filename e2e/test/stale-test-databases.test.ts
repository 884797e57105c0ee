// A test run killed with SIGKILL leaves its embedded PostgreSQL running and its data folder behind;
// the next run (scripts/test.ts) stops it and deletes the folder. Here a process starts PostgreSQL in
// a folder named like a test run's, is killed with SIGKILL, and the cleanup finds what it left.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { after, it } from "node:test";
import { freePort } from "@backbeat/db/testing";
import { cleanStaleTestDatabases, isAlive, TEST_PG_PREFIX } from "../../scripts/test/stale-test-databases.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const parent = mkdtempSync(path.join(tmpdir(), "backbeat-stale-"));
// Reachable by the postgres OS user (as root, PostgreSQL runs as that user), like /tmp itself.
chmodSync(parent, 0o755);
after(() => rmSync(parent, { recursive: true, force: true }));

it("stops the PostgreSQL of a killed test run and removes its folder", async () => {
  const port = await freePort();
  const script = `
    import { startEmbeddedPostgres } from "@backbeat/db";
    const dataDir = ${JSON.stringify(parent)} + "/${TEST_PG_PREFIX}" + process.pid;
    const db = await startEmbeddedPostgres({ dataDir, port: ${port}, database: "postgres", ephemeral: true, fsync: false });
    console.log("ready " + db.dataDir);
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const dataDir = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("PostgreSQL did not start within 60 s")), 60_000);
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line.startsWith("ready ")) resolve(line.slice("ready ".length));
      clearTimeout(timer);
    });
  });
  child.kill("SIGKILL");
  await exited;
  const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  assert.ok(isAlive(postmaster), "the killed run's PostgreSQL outlived it");

  assert.deepEqual(await cleanStaleTestDatabases(parent), [dataDir]);
  assert.ok(!isAlive(postmaster), "its PostgreSQL was stopped");
  assert.ok(!existsSync(dataDir), "its folder was removed");
});
