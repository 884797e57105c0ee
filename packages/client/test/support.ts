// The real Backbeat server in-process (as apps/server/test/support.ts starts it): a private test
// database, an engine on a manual clock (`drain()` runs what is due), the HTTP app on a free port;
// and a client application: a real HTTP server whose requests go to a swappable push handler, or a
// client without endpoints for a pull worker.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase } from "@backbeat/db/testing";
import { createEngine, ManualClock } from "@backbeat/engine";
import { createApp } from "@backbeat/server/app";
import { BackbeatClient } from "../src/index.ts";

export const ADMIN_TOKEN = "client-test-admin-token";

export type TestServer = {
  url: string;
  /** The engine's clock: move it, then drain(). */
  clock: ManualClock;
  drain: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startServer(): Promise<TestServer> {
  const database = await createTestDatabase();
  const clock = new ManualClock();
  const engine = createEngine({ databaseUrl: database.url, clock, random: () => 0.5, poolSize: 4 });
  const app = await createApp({ engine, databaseUrl: database.url, adminToken: ADMIN_TOKEN, log: () => {} });
  const port = await app.listen(0, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    clock,
    drain: () => engine.scheduler.drain(),
    close: async () => {
      await app.close();
      await engine.close();
      await database.drop();
    },
  };
}

export type Endpoint = {
  url: string;
  /** Requests are passed to this; tests set it once the client's credentials are known. */
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  close: () => Promise<void>;
};

export async function startEndpoint(): Promise<Endpoint> {
  const endpoint: Endpoint = {
    url: "",
    listener: (_req, res) => void res.writeHead(503).end(),
    close: async () => {},
  };
  const server: Server = createServer((req, res) => endpoint.listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/backbeat`;
  endpoint.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return endpoint;
}

/** Registers a push client whose every endpoint is `endpointUrl`; returns its token and secret. */
export async function createPushClient(
  serverUrl: string,
  name: string,
  endpointUrl: string,
): Promise<{ id: string; token: string; signingSecret: string }> {
  const admin = new BackbeatClient({ url: serverUrl, token: ADMIN_TOKEN });
  const { createClient } = await admin.request<{
    createClient: { token: string; signingSecret: string; client: { id: string } };
  }>(`mutation($input: CreateClientInput!) { createClient(input: $input) { token signingSecret client { id } } }`, {
    input: { name, activityEndpoint: endpointUrl, decisionEndpoint: endpointUrl, notificationEndpoint: endpointUrl },
  });
  return { id: createClient.client.id, token: createClient.token, signingSecret: createClient.signingSecret };
}

/** Registers a client without an activity endpoint: its nodes wait for a pull worker (nodesToRun). */
export async function createPullClient(serverUrl: string, name: string): Promise<{ id: string; token: string }> {
  const admin = new BackbeatClient({ url: serverUrl, token: ADMIN_TOKEN });
  const { createClient } = await admin.request<{ createClient: { token: string; client: { id: string } } }>(
    `mutation($input: CreateClientInput!) { createClient(input: $input) { token client { id } } }`,
    { input: { name } },
  );
  return { id: createClient.client.id, token: createClient.token };
}
