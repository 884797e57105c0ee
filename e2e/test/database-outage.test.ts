// The database goes away under load: two real server processes, each with an SDK pull worker, on an
// embedded PostgreSQL this test owns. First every backend of the servers is terminated
// (pg_terminate_backend), then PostgreSQL is stopped and started again, three times. No server may
// exit, /health must say 503 while the database is away and 200 once it is back, and every workflow
// must complete, no node twice. A node whose handler or report met the outage is retried: its first
// attempt's child is then deactivated, and only the current attempts' tree must complete. `pnpm chaos` (BACKBEAT_CHAOS=full) runs it with 35 workflows a round
// (over 200 in all); `pnpm test` with 10.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { BackbeatClient, createPullWorker, type PullWorker } from "@backbeat/client";
import { applyMigrations, startEmbeddedPostgres, type EmbeddedDatabase } from "@backbeat/db";
import { freePort } from "@backbeat/db/testing";
import pg from "pg";
import { createPullClient } from "../src/api.ts";
import { killAllEngineProcesses, pollUntil } from "../src/cluster.ts";
import { gql } from "../src/graphql-client.ts";
import { startServerProcess, type ServerProcess } from "../src/server-process.ts";
import { CHILD_ATTEMPTS_SQL, checkSupersededAttempts, type ChildAttemptRow } from "../src/superseded-attempts.ts";

const WORKFLOWS_PER_ROUND = process.env.BACKBEAT_CHAOS === "full" ? 35 : 10;
const RESTARTS = 3;

/** A workflow and its signal; a node that errors (e.g. its report met the outage) is retried at once. */
async function signalNewWorkflow(url: string, token: string, name: string): Promise<string> {
  const w = await gql(url, token, `mutation($i: CreateWorkflowInput!) { createWorkflow(input: $i) { id } }`, {
    i: { name, subject: { name } },
  });
  const s = await gql(
    url,
    token,
    `mutation($w: ID!) { signalWorkflow(workflowId: $w, input: { name: "go", retryInterval: 0 }) { id } }`,
    { w: w.createWorkflow.id },
  );
  return s.signalWorkflow.id as string;
}

describe("the database goes away under load", () => {
  let dataDir: string;
  let port: number;
  let database: EmbeddedDatabase;
  const servers: ServerProcess[] = [];
  let token: string;
  const workers: PullWorker[] = [];
  /** Handler runs per node attempt. */
  const runs = new Map<string, number>();
  const workerErrors: unknown[] = [];
  /** The signals (each adds one child per attempt), and the nodes of their current attempts. */
  const signals: string[] = [];
  let expectedNodes = 0;

  const startDatabase = async () =>
    (database = await startEmbeddedPostgres({ dataDir, port, database: "backbeat", fsync: false }));
  /** Every server's /health status (0: no answer). */
  const health = () =>
    Promise.all(
      servers.map((server) =>
        fetch(server.url.replace(/\/graphql$/, "/health"))
          .then((r) => r.status)
          .catch(() => 0),
      ),
    );
  const allHealth = async (status: number) => (await health()).every((s) => s === status);
  const onOwnDatabase = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const serversAlive = () => servers.every((s) => s.child.exitCode === null && s.child.signalCode === null);
  const lastLines = () => servers.map((s) => s.lines.slice(-20).join("\n")).join("\n---\n");
  /** Signals, alternating between the servers, while the database may be flapping: a refused attempt (a clean GraphQL error) is retried. */
  const signalRound = async (round: string) => {
    const ids: string[] = [];
    for (let i = 0; i < WORKFLOWS_PER_ROUND; i++) {
      const server = servers[i % servers.length]!;
      for (let tries = 0; ; tries++) {
        try {
          ids.push(await signalNewWorkflow(server.url, token, `${round}-${i}`));
          break;
        } catch (error) {
          if (tries > 50 || !serversAlive()) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }
    signals.push(...ids);
    expectedNodes += 2 * ids.length; // each signal adds one child
    return ids;
  };
  /**
   * Counts of the nodes that are not deactivated (a superseded attempt's children are: they are
   * counted apart and checked at the end), and for the unfinished ones their statuses and the
   * worker errors seen (for a failure's message).
   */
  const incomplete = () =>
    onOwnDatabase(async (c) => {
      const { rows } = await c.query<{ total: number; open: number; deactivated: number }>(
        `SELECT count(*) FILTER (WHERE server_status <> 'deactivated')::int AS total,
           count(*) FILTER (WHERE server_status NOT IN ('complete', 'deactivated'))::int AS open,
           count(*) FILTER (WHERE server_status = 'deactivated')::int AS deactivated
         FROM nodes`,
      );
      const stuck = await c.query(
        `SELECT server_status, client_status, count(*)::int AS n FROM nodes
         WHERE server_status NOT IN ('complete', 'deactivated') GROUP BY 1, 2`,
      );
      const errors = [...new Set(workerErrors.map((e) => (e instanceof Error ? String(e) : JSON.stringify(e))))].slice(
        0,
        5,
      );
      return { ...rows[0]!, stuck: stuck.rows, errors };
    });
  const allComplete = (ms: number) =>
    pollUntil(
      async () => {
        const { total, open } = await incomplete().catch(() => ({ total: -1, open: -1 }));
        return total === expectedNodes && open === 0;
      },
      ms,
      250,
    );

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "backbeat-outage-pg-"));
    port = await freePort();
    await startDatabase();
    await applyMigrations(database.url);
    for (const name of ["outage-a", "outage-b"]) servers.push(await startServerProcess(name, database.url));
    token = (await createPullClient(servers[0]!.url, "outage puller")).token;
    // Worker w pulls from server w.
    for (const server of servers) {
      const client = new BackbeatClient({ url: server.url, token });
      const worker = createPullWorker({
        url: server.url,
        token,
        client,
        concurrency: 4,
        reconnect: { initialDelayMs: 100, maxDelayMs: 1000 },
        // A subscription refused with DATABASE_UNAVAILABLE is asked again by the worker itself (with back-off).
        onError: (error) => workerErrors.push(error),
        handlers: {
          go: async (ctx) => {
            const key = `${ctx.node.id}:${ctx.node.attempt}`;
            runs.set(key, (runs.get(key) ?? 0) + 1);
            await ctx.nonBlocking("step", { retryInterval: 0 });
            return "went";
          },
          step: (ctx) => {
            const key = `${ctx.node.id}:${ctx.node.attempt}`;
            runs.set(key, (runs.get(key) ?? 0) + 1);
            return "stepped";
          },
        },
      });
      worker.start();
      workers.push(worker);
    }
  });
  after(async () => {
    await Promise.all(workers.map((w) => Promise.race([w.stop(), new Promise((r) => setTimeout(r, 5000))])));
    for (const server of servers) await server.kill();
    await killAllEngineProcesses();
    await database?.stop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("runs a first round normally", async () => {
    await signalRound("warm-up");
    assert.ok(await allComplete(30_000), `not all complete: ${JSON.stringify(await incomplete())}`);
  });

  it("survives pg_terminate_backend of every connection of the busy servers", async () => {
    const signalling = signalRound("terminated");
    // Terminate repeatedly while the round is under way, so transactions and LISTENs are cut mid-flight.
    for (let i = 0; i < 5; i++) {
      const killed = await onOwnDatabase(async (c) => {
        const { rows } = await c.query<{ n: number }>(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
           WHERE datname = 'backbeat' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        );
        return rows[0]!.n;
      });
      assert.ok(killed >= 0);
      await new Promise((r) => setTimeout(r, 150));
    }
    await signalling;
    assert.ok(serversAlive(), `a server exited:\n${lastLines()}`);
    assert.ok(await allComplete(60_000), `not all complete: ${JSON.stringify(await incomplete())}`);
    assert.ok(serversAlive(), "the servers are still up");
  });

  it(`survives ${RESTARTS} PostgreSQL restarts: /health 503 while it is away, 200 when back`, async () => {
    for (let restart = 1; restart <= RESTARTS; restart++) {
      const signalling = signalRound(`restart-${restart}-before`);
      await new Promise((r) => setTimeout(r, 200));
      await database.stop();
      assert.ok(await pollUntil(() => allHealth(503), 10_000, 100), `/health says 503 (restart ${restart})`);
      assert.ok(serversAlive(), `a server exited:\n${lastLines()}`);
      await startDatabase();
      assert.ok(await pollUntil(() => allHealth(200), 30_000, 100), `/health says 200 again (restart ${restart})`);
      await signalling;
    }
    await signalRound("restart-after");
    assert.ok(await allComplete(120_000), `not all complete: ${JSON.stringify(await incomplete())}`);
    assert.ok(serversAlive(), "the servers are still up");
  });

  it("completed no node twice, and ran every node", async () => {
    const doubled = await onOwnDatabase(async (c) => {
      const { rows } = await c.query(
        `SELECT node_id, count(*)::int AS n FROM status_changes
         WHERE status_type = 'server' AND to_status = 'complete' GROUP BY node_id HAVING count(*) > 1`,
      );
      return rows;
    });
    assert.deepEqual(doubled, [], "nodes completed more than once");
    const ran = new Set([...runs.keys()].map((k) => k.split(":")[0]!));
    assert.equal(ran.size, expectedNodes, "every node ran");
    // A retried signal's first child is deactivated, never ran; every signal's current attempt has its one child.
    const children = await onOwnDatabase(async (c) => (await c.query<ChildAttemptRow>(CHILD_ATTEMPTS_SQL)).rows);
    const tree = checkSupersededAttempts(children, signals, 1, ran);
    assert.deepEqual(tree.violations, [], "the live tree is the current attempts' children");
    // Handlers run at least once: a pull claim lost with its connection may hand a running node out again.
    const rerun = [...runs.values()].filter((n) => n > 1).length;
    console.log(
      `${expectedNodes} nodes, ${runs.size} attempts, ${rerun} attempts run twice, ` +
        `${tree.retriedParents} signals retried after adding their child (${tree.superseded} children superseded)`,
    );
  });
});
