// `pnpm start` killed with SIGKILL: its children (server, embedded PostgreSQL, demo worker and shop)
// must not outlive it, and the next start must come up within 30 s with nothing else done.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { after, it } from "node:test";
import { freePort } from "@backbeat/db/testing";
import { pollUntil } from "../src/cluster.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const state = mkdtempSync(path.join(tmpdir(), "backbeat-start-"));
chmodSync(state, 0o755); // as root, PostgreSQL runs as the postgres OS user, which must reach it
const started: ChildProcess[] = [];

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};
const recordedGroups = () =>
  (JSON.parse(readFileSync(path.join(state, "start.pid"), "utf8")) as { groups: number[] }).groups;

async function start(env: Record<string, string>, withinMs: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env, INIT_CWD: ROOT },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  const lines: string[] = [];
  const began = performance.now();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not running within ${withinMs} ms:\n${lines.join("\n")}`)),
      withinMs,
    );
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (line) => {
        lines.push(line);
        if (line.includes("Backbeat is running.")) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    child.once("exit", (code) => reject(new Error(`pnpm start exited (${code}):\n${lines.join("\n")}`)));
  });
  return { child, lines, ms: performance.now() - began };
}

after(async () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
  await pollUntil(async () => started.every((c) => c.exitCode !== null || c.signalCode !== null), 30_000);
  if (existsSync(path.join(state, "start.pid")))
    for (const g of recordedGroups()) if (groupAlive(g)) process.kill(-g, "SIGKILL");
  rmSync(state, { recursive: true, force: true });
});

it("after kill -9 of pnpm start, nothing is left running and the next start is up within 30 s", async () => {
  const env = {
    PORT: String(await freePort()),
    BACKBEAT_EMBEDDED_PG_PORT: String(await freePort()),
    BACKBEAT_DATA_DIR: path.join(state, "pg"),
    BACKBEAT_START_DASHBOARD: "0",
    BACKBEAT_ADMIN_TOKEN: "start-test-admin-token",
    BACKBEAT_DEMO_INTERVAL_MS: "60000",
  };
  // The first start may have to build the server: give it longer.
  const first = await start(env, 240_000);
  assert.ok(
    first.lines.some((l) => l.includes(`--url http://localhost:${env.PORT}/graphql`)),
    "the hint names the port",
  );
  const groups = recordedGroups();
  assert.equal(groups.length, 3, "server, camera worker, demo shop");

  first.child.kill("SIGKILL");
  assert.ok(await pollUntil(async () => !groups.some(groupAlive), 20_000, 100), "the children ended with pnpm start");

  const second = await start(env, 30_000);
  assert.ok(second.ms < 30_000, `up again in ${Math.round(second.ms)} ms`);
  console.log(`pnpm start after kill -9: up again in ${Math.round(second.ms)} ms`);

  const secondGroups = recordedGroups();
  const exited = new Promise((resolve) => second.child.once("exit", resolve));
  second.child.kill("SIGTERM");
  assert.equal(await exited, 0, "a stopped start exits 0");
  assert.ok(!secondGroups.some(groupAlive), "its children stopped");
  assert.ok(!existsSync(path.join(state, "start.pid")), "its record was removed");
});
