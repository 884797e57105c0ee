// The server as its own process, configured only by the environment: it migrates, serves GraphQL
// and /health, and on SIGTERM stops taking requests and exits cleanly.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";

const MAIN = path.resolve(import.meta.dirname, "../src/main.ts");
const ADMIN = "process-test-admin";

describe("the server process", () => {
  let database: TestDatabase;
  let child: ChildProcess;
  let port = 0;
  const lines: string[] = [];
  before(async () => {
    database = await createTestDatabase();
    child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      env: { ...process.env, PORT: "0", DATABASE_URL: database.url, BACKBEAT_ADMIN_TOKEN: ADMIN, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    port = await new Promise<number>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`server exited early (${String(code)}): ${lines.join("\n")}`)));
      createInterface({ input: child.stdout! }).on("line", (line) => {
        lines.push(line);
        const entry = JSON.parse(line) as { msg: string; port?: number };
        if (entry.msg === "backbeat server listening") resolve(entry.port!);
      });
    });
  });
  after(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await database.drop();
  });

  it("serves /health and GraphQL with the admin token from the environment", async () => {
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal(health.status, 200);
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ query: `mutation { createClient(input: {name: "p"}) { client { name } } }` }),
    });
    assert.deepEqual(await res.json(), { data: { createClient: { client: { name: "p" } } } });
  });

  it("exits with 0 on SIGTERM, after stopping HTTP and the engine", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.equal(await exited, 0);
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    assert.deepEqual(messages.slice(-4), ["shutting down", "http stopped", "engine stopped", "stopped"]);
  });
});
