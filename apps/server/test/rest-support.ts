// A real server for the REST tests (test database, engine on a manual clock, the express app on a
// free port) and a REST caller that speaks exactly what backbeat_ruby sends: Token auth, Client-Id,
// snake_case JSON with explicit nulls. The engine's outbound timeout is short here, so a test can
// show that a REST client's own (60 s) push timeout is what applies to it.
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { createEngine, ManualClock, type Engine } from "@backbeat/engine";
import { FakeClient } from "@backbeat/engine/testing";
import { createApp, type App } from "../src/app.ts";
import { ADMIN_TOKEN, type Json } from "./support.ts";

export const ENGINE_HTTP_TIMEOUT_MS = 400;

export type RestAnswer = { status: number; body: Json | Json[] | string[] | null; text: string; type: string | null };
export type RestClient = { id: string; token: string; fake: FakeClient; rest: Rest };
export type Rest = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<RestAnswer>;

export type RestServer = {
  base: string;
  app: App;
  engine: Engine;
  clock: ManualClock;
  database: TestDatabase;
  logged: unknown[];
  drain: () => Promise<void>;
  gql: (query: string, variables?: Json) => Promise<Json>;
  newClient: (name: string) => Promise<RestClient>;
  close: () => Promise<void>;
};

/** Raw HTTP: the caller sets every header itself. */
export async function request(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<RestAnswer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: RestAnswer["body"] = null;
  try {
    parsed = JSON.parse(text) as RestAnswer["body"];
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed, text, type: res.headers.get("content-type") };
}

export function restAs(base: string, client: { id: string; token: string }): Rest {
  return (method, path, body, headers = {}) =>
    request(base, method, path, body, {
      authorization: `Token token="${client.token}"`,
      "client-id": client.id,
      ...headers,
    });
}

export async function startRestServer(): Promise<RestServer> {
  const database = await createTestDatabase();
  const clock = new ManualClock();
  const engine = createEngine({
    databaseUrl: database.url,
    clock,
    random: () => 0.5,
    poolSize: 4,
    config: { httpTimeoutMs: ENGINE_HTTP_TIMEOUT_MS },
  });
  const logged: unknown[] = [];
  const app = await createApp({
    engine,
    databaseUrl: database.url,
    adminToken: ADMIN_TOKEN,
    log: (level, msg, fields) => logged.push({ level, msg, fields }),
  });
  const port = await app.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${port}`;
  const fakes: FakeClient[] = [];
  return {
    base,
    app,
    engine,
    clock,
    database,
    logged,
    drain: () => engine.scheduler.drain(),
    gql: async (query, variables) => {
      const res = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Json;
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data as Json;
    },
    newClient: async (name) => {
      const fake = await new FakeClient().start();
      fakes.push(fake);
      const { client, token } = await engine.createClient({
        name,
        activityEndpoint: `${fake.baseUrl}/activity`,
        decisionEndpoint: `${fake.baseUrl}/decision`,
        notificationEndpoint: `${fake.baseUrl}/notifications`,
      });
      fake.secret = client.signingSecret;
      return { id: client.id, token, fake, rest: restAs(base, { id: client.id, token }) };
    },
    close: async () => {
      await app.close();
      await engine.close();
      await Promise.all(fakes.map((f) => f.stop()));
      await database.drop();
    },
  };
}
