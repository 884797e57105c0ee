// Operations over HTTP against a real server: Prometheus /metrics after a small workflow (checked
// against the database), the open-subscriptions gauge, request ids in the logs, and /health both
// when the database answers and when it does not.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SERVER_STATUSES } from "@backbeat/core";
import { freePort } from "@backbeat/db/testing";
import { createEngine, type Engine, type LogLevel } from "@backbeat/engine";
import { createApp, type App } from "../src/app.ts";
import { CREATE_WORKFLOW, SIGNAL } from "./fragments.ts";
import { dbRows, sampleKey as key, scrape } from "./metrics-support.ts";
import { ADMIN_TOKEN, startServer, waitUntil, type TestClient, type TestServer } from "./support.ts";
import { subscribe, wsClient } from "./ws-support.ts";

describe("/metrics, request logs and /health", () => {
  let s: TestServer;
  let u: TestClient;
  let base: string;
  let workflowId: string;
  before(async () => {
    s = await startServer();
    u = await s.newClient("ops");
    base = s.url.replace("/graphql", "");
  });
  after(() => s.close());

  /** A workflow with one signal, pushed to the client by the drain. */
  const signalled = async (token: string, name: string) => {
    const w = await s.ok(token, CREATE_WORKFLOW, { input: { name, subject: { n: name } } });
    await s.ok(token, SIGNAL, { id: w.createWorkflow.id, input: { name: "start" } });
    await s.drain();
    return w.createWorkflow.id as string;
  };

  it("exposes every family before anything happened: nodes by status, subscriptions and pulled nodes at 0", async () => {
    const { contentType, samples, text } = await scrape(base);
    assert.match(contentType, /^text\/plain; version=0\.0\.4/);
    for (const status of SERVER_STATUSES)
      assert.equal(samples.get(key("backbeat_nodes", { server_status: status })), 0);
    for (const subscription of ["nodeEvents", "nodesToRun"]) {
      assert.equal(samples.get(key("backbeat_open_subscriptions", { subscription })), 0);
    }
    for (const via of ["commit", "claim"])
      assert.equal(samples.get(key("backbeat_pulled_nodes_handed_out_total", { via })), 0);
    for (const family of [
      "backbeat_dispatch_latency_seconds histogram",
      "backbeat_transitions_total counter",
      "backbeat_outbound_call_failures_total counter",
    ]) {
      assert.ok(text.includes(`# TYPE ${family}`), family);
    }
  });

  it("after a small workflow: transitions equal the audit log, deliveries and failures are counted, nodes match", async () => {
    workflowId = await signalled(u.token, "ok");
    u.fake.respond = () => 500;
    await signalled(u.token, "refused");
    u.fake.respond = () => 200;
    // A client whose endpoint nobody listens on: a network error.
    const gone = await s.ok(
      ADMIN_TOKEN,
      `mutation($input: CreateClientInput!) { createClient(input: $input) { token } }`,
      { input: { name: "gone", activityEndpoint: `http://127.0.0.1:${await freePort()}/activity` } },
    );
    await signalled(gone.createClient.token, "unreachable");

    const { samples } = await scrape(base);
    const audit = await dbRows<{ type: string; to: string; n: number }>(
      s.database.url,
      `SELECT status_type AS type, to_status AS to, count(*)::int AS n FROM status_changes GROUP BY 1, 2`,
    );
    assert.ok(audit.length > 3, "the workflow made status changes");
    let total = 0;
    for (const row of audit) {
      assert.equal(samples.get(key("backbeat_transitions_total", { status_type: row.type, to_status: row.to })), row.n);
      total += row.n;
    }
    const counted = [...samples].filter(([k]) => k.startsWith("backbeat_transitions_total{"));
    assert.equal(
      counted.reduce((sum, [, v]) => sum + v, 0),
      total,
      "nothing counted that the audit log lacks",
    );

    for (const outcome of ["ok", "http_error", "network_error"]) {
      const count = samples.get(key("backbeat_dispatch_latency_seconds_count", { outcome }));
      assert.equal(count, 1, `one delivery with outcome ${outcome}`);
      assert.equal(samples.get(key("backbeat_dispatch_latency_seconds_bucket", { outcome, le: "+Inf" })), count);
      // The manual clock does not move during the POST: queued → answered is 0 here.
      assert.equal(samples.get(key("backbeat_dispatch_latency_seconds_sum", { outcome })), 0);
    }
    for (const reason of ["http_error", "network_error"]) {
      assert.equal(samples.get(key("backbeat_outbound_call_failures_total", { kind: "deliver", reason })), 1);
    }

    const nodes = await dbRows<{ status: string; n: number }>(
      s.database.url,
      `SELECT server_status AS status, count(*)::int AS n FROM nodes GROUP BY 1`,
    );
    const expected = Object.fromEntries(SERVER_STATUSES.map((st) => [st, 0])) as Record<string, number>;
    for (const row of nodes) expected[row.status] = row.n;
    assert.ok(nodes.length > 0);
    for (const [status, n] of Object.entries(expected)) {
      assert.equal(samples.get(key("backbeat_nodes", { server_status: status })), n, status);
    }
  });

  it("counts open subscriptions while they are open, however they end", async () => {
    const gauge = async () =>
      (await scrape(base)).samples.get(key("backbeat_open_subscriptions", { subscription: "nodeEvents" }));
    const query = `subscription($w: ID) { nodeEvents(workflowId: $w) { statusChange { id } } }`;
    const client = wsClient(s.url, u.token);
    const other = wsClient(s.url, u.token);
    try {
      const sub = subscribe(client, query, { w: workflowId });
      subscribe(other, query, { w: workflowId });
      await pollUntil(async () => (await gauge()) === 2);
      sub.stop(); // the client completes it
      await pollUntil(async () => (await gauge()) === 1);
      await other.dispose(); // the socket closes under it
      await pollUntil(async () => (await gauge()) === 0);
    } finally {
      await client.dispose();
      await other.dispose();
    }
  });

  it("logs each request's start and finish with its id, taken from x-request-id when sane", async () => {
    const res = await fetch(s.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}`, "x-request-id": "ops-1" },
      body: JSON.stringify({ query: "{ workflowNames }" }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-request-id"), "ops-1");
    await waitUntil(() => s.logged.some((l) => l.msg === "request finished" && l.fields?.requestId === "ops-1"));
    const lines = s.logged.filter((l) => l.fields?.requestId === "ops-1");
    assert.deepEqual(
      lines.map((l) => [l.level, l.msg, l.fields?.method, l.fields?.path]),
      [
        ["debug", "request started", "POST", "/graphql"],
        ["info", "request finished", "POST", "/graphql"],
      ],
    );
    assert.equal(lines[1]!.fields?.status, 200);
    assert.equal(typeof lines[1]!.fields?.durationMs, "number");

    // A header that is not a plain token (too long, or with spaces) is replaced by a fresh UUID.
    const other = await fetch(`${base}/health`, { headers: { "x-request-id": "a b".repeat(50) } });
    assert.match(other.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
  });
});

describe("/health and /metrics when the database is unreachable", () => {
  let engine: Engine;
  let app: App;
  let base: string;
  const logged: { level: LogLevel; msg: string; fields?: Record<string, unknown> }[] = [];
  before(async () => {
    // Nothing listens on that port: every connection attempt is refused at once.
    const port = await freePort();
    const url = `postgresql://postgres:postgres@127.0.0.1:${port}/backbeat_missing`;
    engine = createEngine({ databaseUrl: url, poolSize: 1 });
    app = await createApp({
      engine,
      databaseUrl: url,
      adminToken: ADMIN_TOKEN,
      log: (level, msg, fields) => logged.push({ level, msg, fields }),
    });
    base = `http://127.0.0.1:${await app.listen(0, "127.0.0.1")}`;
  });
  after(async () => {
    await app.close();
    await engine.close();
  });

  it("GET /health answers 503 DATABASE_UNREACHABLE", async () => {
    const res = await fetch(`${base}/health`);
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { status: "DATABASE_UNREACHABLE", database: "unreachable" });
  });

  it("a failed GraphQL request is logged with its request id; /metrics fails rather than lie", async () => {
    const res = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}`, "x-request-id": "down-1" },
      body: JSON.stringify({ query: "{ workflowNames }" }),
    });
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    // A fault the caller may retry, with a clear code (never INTERNAL_SERVER_ERROR or the driver's text).
    assert.equal(body.errors[0]!.extensions.code, "DATABASE_UNAVAILABLE");
    assert.match(body.errors[0]!.message, /database is unavailable/);
    assert.ok(
      logged.some((l) => l.level === "error" && l.msg === "request failed" && l.fields?.requestId === "down-1"),
      JSON.stringify(logged),
    );

    // A client token cannot be checked without the database: a fault (503), never shown as a refusal
    // and never with the driver's error text.
    const client = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer some-client-token" },
      body: JSON.stringify({ query: "{ workflowNames }" }),
    });
    assert.equal(client.status, 503);
    const refused = (await client.json()) as { errors: { message: string; extensions: { code: string } }[] };
    assert.equal(refused.errors[0]!.extensions.code, "DATABASE_UNAVAILABLE");
    assert.match(refused.errors[0]!.message, /database is unavailable/);

    const metrics = await fetch(`${base}/metrics`);
    assert.equal(metrics.status, 500);
    assert.ok(logged.some((l) => l.msg === "metrics scrape failed" && typeof l.fields?.requestId === "string"));
  });
});

async function pollUntil(condition: () => Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
