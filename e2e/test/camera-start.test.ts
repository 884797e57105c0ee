// `pnpm start` (scripts/start.ts) as a process, on free ports with a fresh data folder: it prints the URLs
// and the admin token, the demo's camera purchases complete (a declined one too, after its retry), and
// SIGINT stops it with exit code 0, leaving none of its processes behind.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { after, describe, it } from "node:test";
import { freePort } from "@backbeat/db/testing";
import { pollUntil, trackChild } from "../src/cluster.ts";
import { gql } from "../src/graphql-client.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every process below `pid` (its children, theirs, …), from one `ps` snapshot. */
function descendants(pid: number): number[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of rows) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("pnpm start", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "h4-start-test-"));
  // The embedded PostgreSQL runs as an unprivileged user when the tests run as root: it must reach pg/.
  chmodSync(dir, 0o755);
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("runs the server, the worker and the demo; purchases complete; SIGINT stops everything", async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      BACKBEAT_EMBEDDED_PG_PORT: String(await freePort()),
      DASHBOARD_PORT: String(await freePort()),
      BACKBEAT_DATA_DIR: path.join(dir, "pg"),
      // The dashboard's production build takes minutes: this test is about the rest.
      BACKBEAT_START_DASHBOARD: "0",
      BACKBEAT_DEMO_INTERVAL_MS: "400",
    };
    delete env.DATABASE_URL;
    delete env.BACKBEAT_ADMIN_TOKEN;
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    trackChild(child);
    const lines: string[] = [];
    for (const stream of [child.stdout, child.stderr])
      createInterface({ input: stream }).on("line", (l) => lines.push(l));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    const seen = (pattern: RegExp) => lines.find((l) => pattern.test(l));
    const output = () => lines.join("\n");

    assert.ok(
      await pollUntil(async () => !!seen(/^ {2}Ctrl-C to stop\.$/) || child.exitCode !== null, 180_000),
      output(),
    );
    const graphqlUrl = `http://localhost:${port}/graphql`;
    assert.ok(seen(new RegExp(`^  GraphQL: +${graphqlUrl}$`)), output());
    const token = /^ {2}Admin token: +(\S+)/.exec(seen(/^ {2}Admin token:/) ?? "")?.[1];
    assert.equal(token, readFileSync(path.join(dir, "admin-token"), "utf8").trim());
    assert.ok(seen(/pnpm backbeat workflow tree <workflow id>/));

    // The demo's fourth order is first paid with a declined card, then with another one.
    const retried = /^\[demo\] (o-\S+): card declined; the customer pays with another card$/;
    assert.ok(await pollUntil(async () => !!seen(retried), 120_000), output());
    const order = retried.exec(seen(retried)!)![1]!;
    const completed = new RegExp(`^\\[demo\\] ${order}: purchase complete \\(pnpm backbeat workflow tree (\\S+)\\)$`);
    assert.ok(await pollUntil(async () => !!seen(completed), 120_000), output());

    // Checked over GraphQL: complete purchases, the declined one resolved and followed by a completed one.
    const workflowId = completed.exec(seen(completed)!)![1]!;
    const { workflow } = await gql(
      graphqlUrl,
      token,
      `query($id: ID!) { workflow(id: $id) { subject printTree
      nodes { name serverStatus clientStatus } } }`,
      { id: workflowId },
    );
    assert.equal(workflow.subject.order, order);
    assert.deepEqual(
      workflow.nodes.map((n: { name: string; serverStatus: string; clientStatus: string }) => [
        n.name,
        n.serverStatus,
        n.clientStatus,
      ]),
      [
        ["Make Purchase", "COMPLETE", "RESOLVED"],
        ["Make Purchase", "COMPLETE", "COMPLETE"],
        ["Successful Purchase", "COMPLETE", "COMPLETE"],
        ["Notify Customer", "COMPLETE", "COMPLETE"],
        ["Notify Fulfillment Center", "COMPLETE", "COMPLETE"],
      ],
    );
    const { nodes } = await gql(
      graphqlUrl,
      token,
      `{ nodes(first: 100, search: {name: "Make Purchase",
      currentStatus: "complete"}) { edges { node { id } } } }`,
    );
    assert.ok(nodes.edges.length >= 4, `${String(nodes.edges.length)} purchases complete`);

    const processes = descendants(child.pid!);
    assert.ok(processes.length >= 4, "the server (and its PostgreSQL), the worker and the demo");
    child.kill("SIGINT");
    assert.equal(await exited, 0, output());
    assert.ok(seen(/^stopped$/));
    assert.ok(await pollUntil(async () => processes.every((pid) => !alive(pid)), 10_000, 100), "a process was left");
  });
});
