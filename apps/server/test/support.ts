// A real Backbeat HTTP server for tests: a private test database, an engine on a manual clock
// (time moves only when the test says; `drain()` runs what is due), the express/Apollo app on a
// free port, and a fake client application (a real HTTP server) that receives the pushes.
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { createEngine, ManualClock, type Engine, type LogLevel } from "@backbeat/engine";
import { FakeClient } from "@backbeat/engine/testing";
import pg from "pg";
import { createApp, type App } from "../src/app.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers are arbitrary JSON
export type Json = Record<string, any>;

export type GqlResponse = { status: number; body: Json; headers: Headers };

export type TestServer = {
  url: string;
  app: App;
  engine: Engine;
  clock: ManualClock;
  database: TestDatabase;
  /** Errors the server logged (internal errors must be logged, never sent). */
  logged: { level: LogLevel; msg: string; fields?: Record<string, unknown> }[];
  drain: () => Promise<void>;
  /** POST /graphql with a token (null: no Authorization header). */
  gql: (token: string | null, query: string, variables?: Json) => Promise<GqlResponse>;
  /** Like gql, but fails the test on any error and returns `data`. */
  ok: (token: string | null, query: string, variables?: Json) => Promise<Json>;
  /** A client application registered through createClient, with its own fake HTTP endpoints. */
  newClient: (name: string, opts?: { push?: boolean }) => Promise<TestClient>;
  close: () => Promise<void>;
};

export type TestClient = { id: string; token: string; signingSecret: string; fake: FakeClient };

export async function startServer(
  options: { sessionCheckMs?: number; dashboardUrl?: string } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const clock = new ManualClock();
  const engine = createEngine({ databaseUrl: database.url, clock, random: () => 0.5, poolSize: 4 });
  const logged: TestServer["logged"] = [];
  const app = await createApp({
    engine,
    databaseUrl: database.url,
    adminToken: ADMIN_TOKEN,
    log: (level, msg, fields) => logged.push({ level, msg, fields }),
    ...options,
  });
  const port = await app.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}/graphql`;
  const fakes: FakeClient[] = [];

  const gql: TestServer["gql"] = async (token, query, variables) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
  };
  const ok: TestServer["ok"] = async (token, query, variables) => {
    const { body } = await gql(token, query, variables);
    assert.equal(body.errors, undefined, `unexpected errors: ${JSON.stringify(body.errors)}`);
    return body.data as Json;
  };

  return {
    url,
    app,
    engine,
    clock,
    database,
    logged,
    drain: () => engine.scheduler.drain(),
    gql,
    ok,
    newClient: async (name, opts = {}) => {
      const fake = await new FakeClient().start();
      fakes.push(fake);
      const push = opts.push ?? true;
      const data = await ok(
        ADMIN_TOKEN,
        `mutation($input: CreateClientInput!) { createClient(input: $input) { token signingSecret client { id } } }`,
        {
          input: {
            name,
            activityEndpoint: push ? `${fake.baseUrl}/activity` : null,
            decisionEndpoint: push ? `${fake.baseUrl}/decision` : null,
            notificationEndpoint: `${fake.baseUrl}/notifications`,
          },
        },
      );
      fake.secret = data.createClient.signingSecret;
      return {
        id: data.createClient.client.id,
        token: data.createClient.token,
        signingSecret: data.createClient.signingSecret,
        fake,
      };
    },
    close: async () => {
      await app.close();
      await engine.close();
      await Promise.all(fakes.map((f) => f.stop()));
      await database.drop();
    },
  };
}

/**
 * A second server (its own engine, pools, status feed and lock connection) on the first one's
 * database, as another process would be: for tests of what crosses server processes.
 */
export async function startPeer(
  first: TestServer,
): Promise<{ url: string; app: App; engine: Engine; close: () => Promise<void> }> {
  const engine = createEngine({ databaseUrl: first.database.url, clock: first.clock, random: () => 0.5, poolSize: 4 });
  const app = await createApp({ engine, databaseUrl: first.database.url, adminToken: ADMIN_TOKEN, log: () => {} });
  const port = await app.listen(0, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    app,
    engine,
    close: async () => {
      await app.close();
      await engine.close();
    },
  };
}

/** The single error of a GraphQL answer, with its code. */
export function errorOf(res: GqlResponse): { message: string; code: string; extensions: Json } {
  const errors = res.body.errors as Json[] | undefined;
  assert.ok(errors && errors.length > 0, `expected an error, got ${JSON.stringify(res.body)}`);
  return { message: errors[0]!.message, code: errors[0]!.extensions?.code, extensions: errors[0]!.extensions ?? {} };
}

/** Row counts of every table and every node's statuses: what a refused request must not change. */
export async function dbSnapshot(databaseUrl: string): Promise<Json> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const counts = await client.query(`SELECT
      (SELECT count(*) FROM clients)::int AS clients, (SELECT count(*) FROM workflows)::int AS workflows,
      (SELECT count(*) FROM nodes)::int AS nodes, (SELECT count(*) FROM status_changes)::int AS "statusChanges",
      (SELECT count(*) FROM jobs)::int AS jobs, (SELECT count(*) FROM outbound_calls)::int AS "outboundCalls"`);
    const nodes = await client.query(
      `SELECT id, server_status, client_status, complete_by, retries_remaining, updated_at FROM nodes ORDER BY seq`,
    );
    const workflows = await client.query(`SELECT id, complete, paused, updated_at FROM workflows ORDER BY id`);
    return { counts: counts.rows[0], nodes: nodes.rows, workflows: workflows.rows };
  } finally {
    await client.end();
  }
}

/** "SERVER/CLIENT" statuses of a node as GraphQL returned it, e.g. "SENT_TO_CLIENT/RECEIVED". */
export function statuses(node: Json): string {
  return `${String(node.serverStatus)}/${String(node.clientStatus)}`;
}

/** An audit row as "TYPE:from→to". */
export function change(c: Json): string {
  return `${String(c.statusType)}:${String(c.fromStatus)}→${String(c.toStatus)}`;
}

/** Polls `condition` until it holds (e.g. a subscription is registered server-side). */
export async function waitUntil(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
