// kill -9 of a server process in the middle of batched work: two server processes on one database,
// an SDK pull worker on each (reports go in batches over their WebSockets), a fan-out of many
// non-blocking children. Server A is killed while batches are in flight, then started again on the
// same port (its worker reconnects and sends again what got no answer). Nothing may be lost (every
// node completes, the parent fans in) and nothing completed twice (one completion per node in the
// audit log); a handler may run again only for a node whose claim died with A (at least once).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BackbeatClient, createPullWorker, type PullWorker } from "@backbeat/client";
import { query, sql } from "@backbeat/db";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import pg from "pg";
import { createPullClient } from "../src/api.ts";
import { killAllEngineProcesses, pollUntil } from "../src/cluster.ts";
import { startServerProcess, type ServerProcess } from "../src/server-process.ts";

const CHILDREN = 400;

describe("kill -9 of a server in the middle of batched reports and claims", () => {
  let database: TestDatabase;
  let db: pg.Pool;
  let a: ServerProcess;
  let b: ServerProcess;
  let token: string;
  const workers: PullWorker[] = [];
  /** Handler runs per node attempt. */
  const runs = new Map<string, number>();
  let completedRuns = 0;

  before(async () => {
    database = await createTestDatabase();
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    [a, b] = await Promise.all([startServerProcess("A", database.url), startServerProcess("B", database.url)]);
    token = (await createPullClient(a.url, "crash puller")).token;
    for (const server of [a, b]) {
      const worker = createPullWorker({
        url: server.url,
        token,
        client: new BackbeatClient({ url: server.url, token }),
        concurrency: 10,
        reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
        onError: () => {},
        handlers: {
          fan: async (ctx) => {
            await ctx.addChildren(
              Array.from({ length: CHILDREN }, (_, i) => ({ name: "leaf", mode: "NON_BLOCKING", clientData: { i } })),
            );
          },
          leaf: async (ctx) => {
            const key = `${ctx.node.id}:${ctx.node.attempt}`;
            runs.set(key, (runs.get(key) ?? 0) + 1);
            completedRuns++;
            // A little work, so that claims and batches are in flight when the server dies.
            await new Promise((r) => setTimeout(r, 2));
          },
        },
      });
      worker.start();
      workers.push(worker);
    }
  });
  after(async () => {
    await Promise.all(workers.map((w) => Promise.race([w.stop(), new Promise((r) => setTimeout(r, 5000))])));
    await killAllEngineProcesses();
    await db?.end();
    await database?.drop();
  });

  it("loses nothing and completes nothing twice", async () => {
    const client = new BackbeatClient({ url: b.url, token });
    const signal = await client.signal("crash fan-out", { run: 1 }, "fan");
    assert.ok(await pollUntil(async () => completedRuns >= CHILDREN / 4, 60_000, 5), "the fan-out got going");
    const port = Number(new URL(a.url).port);
    await a.kill();
    const killedAt = completedRuns;
    // Server A comes back on the same port; its worker reconnects and sends again what got no answer.
    a = await startServerProcess("A again", database.url, 60_000, port);

    const parentDone = async () =>
      (await query<{ s: string }>(db, sql`SELECT server_status AS s FROM nodes WHERE id = ${signal.id}::uuid`))[0]
        ?.s === "complete";
    const done = await pollUntil(parentDone, 120_000, 100);
    const open = await query<{ s: string; c: string; n: number }>(
      db,
      sql`SELECT server_status AS s, client_status AS c, count(*)::int AS n FROM nodes WHERE server_status <> 'complete' GROUP BY 1, 2`,
    );
    assert.ok(done, `the parent did not fan in; unfinished: ${JSON.stringify(open)}`);
    assert.deepEqual(open, [], "every node completed");

    const children = await query<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM nodes WHERE parent_id = ${signal.id}::uuid`,
    );
    assert.equal(children[0]!.n, CHILDREN, "every child exists once");
    const completions = await query<{ node_id: string; n: number }>(
      db,
      sql`SELECT node_id::text, count(*)::int AS n FROM status_changes
          WHERE status_type = 'server' AND to_status = 'complete' GROUP BY node_id HAVING count(*) <> 1`,
    );
    assert.deepEqual(completions, [], "each node completed exactly once in the audit log");
    const clientCompletions = await query<{ node_id: string; n: number }>(
      db,
      sql`SELECT node_id::text, count(*)::int AS n FROM status_changes
          WHERE status_type = 'client' AND to_status = 'complete' GROUP BY node_id HAVING count(*) <> 1`,
    );
    assert.deepEqual(clientCompletions, [], "each node's client completion recorded once");
    // At least once: a node whose claim died with A may have run again; never more than twice here.
    const reruns = [...runs.values()].filter((n) => n > 1).length;
    assert.ok(
      [...runs.values()].every((n) => n <= 2),
      "no handler ran more than twice",
    );
    console.log(
      `killed A after ${killedAt} of ${CHILDREN} leaves ran; ${reruns} leaves ran again after the kill; all ${CHILDREN} completed once`,
    );
  });
});
