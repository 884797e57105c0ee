// Answers lost after the server did the work (a proxy in front of a real server process forwards the
// request, lets the server answer, then cuts the caller's connection): signals, children, PROCESSING
// and COMPLETED reports. The caller retries as the SDK does (same idempotency key, same attempt and
// status); every retry must succeed, nothing may be made twice, and every workflow must complete.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { BackbeatClient } from "@backbeat/client";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import pg from "pg";
import { createPullClient, NODES_TO_RUN } from "../src/api.ts";
import { killAllEngineProcesses, pollUntil } from "../src/cluster.ts";
import { subscribe, wsClient, type Json } from "../src/graphql-client.ts";
import { startServerProcess, type ServerProcess } from "../src/server-process.ts";
import { startDropProxy, type DropProxy } from "./support/drop-proxy.ts";
import { says, sized } from "./support/mode.ts";

const WORKFLOWS = sized(10, 40);
const ADD_CHILDREN = `mutation($n: ID!, $c: [ChildNodeInput!]!, $a: Int, $k: String) {
  addChildren(nodeId: $n, children: $c, attempt: $a, idempotencyKey: $k) { id } }`;
const REPORT = `mutation($n: ID!, $s: NodeStatusReport!, $a: Int) { reportNodeStatus(nodeId: $n, status: $s, attempt: $a) { id } }`;

describe("dropped answers", () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let proxy: DropProxy;
  let token: string;
  /** Each distinct request (by the key below) loses its first answer. */
  const dropped = new Set<string>();
  const dropKey = (body: string): string | null => {
    try {
      const { query, variables: v } = JSON.parse(body) as { query: string; variables: Json };
      const text = (value: unknown) => String(value);
      if (query.includes("signalWorkflow")) return `signal:${text(v.input?.idempotencyKey)}`;
      if (query.includes("addChildren")) return `children:${text(v.k ?? v.idempotencyKey)}`;
      if (query.includes("reportNodeStatus(")) return `report:${text(v.n ?? v.nodeId)}:${text(v.s ?? v.status)}`;
    } catch {
      // not a GraphQL request of ours
    }
    return null;
  };
  const db1 = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  /** POST through the proxy; a cut connection is retried with the same body, as the SDK retries. */
  const retried = { count: 0 };
  const post = async (query: string, variables: Json): Promise<Json> => {
    for (let tries = 1; ; tries++) {
      let res: Response;
      try {
        res = await fetch(proxy.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        if (tries >= 5) throw error;
        retried.count++;
        continue;
      }
      const body = (await res.json()) as Json;
      if (body.errors?.length)
        throw new Error(`${tries > 1 ? "a retry" : "a first call"}: ${JSON.stringify(body.errors)}`);
      return body.data as Json;
    }
  };

  before(async () => {
    db = await createTestDatabase();
    server = await startServerProcess("dropped", db.url);
    token = (await createPullClient(server.url, "dropper")).token;
    proxy = await startDropProxy(server.url, (body) => {
      const key = dropKey(body);
      if (key === null || dropped.has(key)) return false;
      dropped.add(key);
      return true;
    });
  });
  after(async () => {
    await proxy?.close();
    await killAllEngineProcesses();
    await db?.drop();
  });

  it(`${WORKFLOWS} workflows whose signals, children and reports each lose their first answer: nothing doubled, nothing stuck`, async () => {
    // Signals through the SDK: it retries a call whose answer was lost with the same idempotency key.
    const sdk = new BackbeatClient({ url: proxy.url, token });
    const signals: string[] = [];
    for (let i = 0; i < WORKFLOWS; i++) {
      const workflow = await sdk.createWorkflow({ name: "dropped", subject: { i } });
      signals.push((await sdk.signalWorkflow(workflow.id, { name: "go" })).id);
    }
    assert.equal(new Set(signals).size, WORKFLOWS, "each signal call answered its own node");

    // A worker takes the signals straight from the server; its calls go through the proxy.
    const ws = wsClient(server.url, token);
    const seen = new Set<string>();
    const handled: Promise<void>[] = [];
    const errors: string[] = [];
    const run = (node: Json) => {
      const id = node.nodesToRun.id as string;
      if (seen.has(id)) return; // handed out again: its first run settles it
      seen.add(id);
      handled.push(
        (async () => {
          const detail = await post(`query($n: ID!) { node(id: $n) { name attempt } }`, { n: id });
          const attempt = detail.node.attempt as number;
          if (detail.node.name === "go") {
            await post(REPORT, { n: id, s: "PROCESSING", a: attempt });
            await post(ADD_CHILDREN, { n: id, c: [{ name: "step" }], a: attempt, k: randomUUID() });
          }
          await post(REPORT, { n: id, s: "COMPLETED", a: attempt });
        })().catch((e: unknown) => void errors.push(String(e))),
      );
    };
    const sub = subscribe(ws, NODES_TO_RUN, { c: 50 }, run);
    try {
      const total = WORKFLOWS * 2;
      const done = await pollUntil(
        async () =>
          db1(async (c) => {
            const { rows } = await c.query<{ open: number; all: number }>(
              `SELECT count(*) FILTER (WHERE server_status <> 'complete')::int AS open, count(*)::int AS "all" FROM nodes`,
            );
            return rows[0]!.all === total && rows[0]!.open === 0;
          }),
        60_000,
        200,
      );
      await Promise.all(handled);
      const { nodes, doubled, stuck } = await db1(async (c) => ({
        nodes: (await c.query(`SELECT count(*)::int AS n FROM nodes`)).rows[0].n as number,
        doubled: (
          await c.query(
            `SELECT node_id FROM status_changes WHERE status_type = 'server' AND to_status = 'complete'
             GROUP BY node_id HAVING count(*) > 1`,
          )
        ).rowCount,
        stuck: (
          await c.query(
            `SELECT server_status, client_status, count(*)::int FROM nodes WHERE server_status <> 'complete' GROUP BY 1, 2`,
          )
        ).rows,
      }));
      says(
        `dropped answers: ${WORKFLOWS} workflows, ${proxy.stats.dropped} answers dropped of ${proxy.stats.forwarded} forwarded, ${retried.count} retries by the test's caller (the SDK's own retries are among the forwarded): ${nodes} nodes (expected ${total}), ${doubled} completed twice, stuck ${JSON.stringify(stuck)}, errors ${errors.length}`,
      );
      assert.deepEqual(errors, [], "every retry answered success");
      assert.ok(done, `every node complete: ${JSON.stringify(stuck)}`);
      assert.equal(nodes, total, "one signal per call and one child per addChildren, however many answers were lost");
      assert.equal(doubled, 0, "no node completed twice");
      assert.ok(proxy.stats.dropped >= WORKFLOWS * 5, `answers were dropped (${proxy.stats.dropped})`);
    } finally {
      sub.stop();
      await ws.dispose();
    }
  });
});
