// The camera-purchase example behind a push endpoint (the server POSTs each node to it), against a real
// server process.
import { after, before, describe, it } from "node:test";
import { BackbeatClient } from "@backbeat/client";
import { createTestDatabase, freePort, type TestDatabase } from "@backbeat/db/testing";
import { startCameraPushWorker, type CameraPushWorker } from "../../examples/camera-purchase/src/push-worker.ts";
import {
  createShop,
  declinedThenRetried,
  failingOnceAfterReserving,
  idempotentRetry,
  oneAtATime,
  outageRestartedByOperator,
  successPath,
} from "../src/camera.ts";
import { killAllEngineProcesses } from "../src/cluster.ts";
import { gql } from "../src/graphql-client.ts";
import { ADMIN_TOKEN, startServerProcess, type ServerProcess } from "../src/server-process.ts";

describe("camera purchase, push endpoint", () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let client: BackbeatClient;
  let worker: CameraPushWorker;
  const shop = createShop();
  const failOnce = new Set<string>();

  before(async () => {
    db = await createTestDatabase();
    server = await startServerProcess("camera-push", db.url);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const { createClient } = await gql(
      server.url,
      ADMIN_TOKEN,
      `mutation($input: CreateClientInput!) { createClient(input: $input) { token signingSecret } }`,
      {
        input: {
          name: "camera shop (push)",
          activityEndpoint: `${base}/activity`,
          notificationEndpoint: `${base}/notification`,
        },
      },
    );
    const token = createClient.token as string;
    client = new BackbeatClient({ url: server.url, token });
    worker = await startCameraPushWorker({
      url: server.url,
      token,
      signingSecret: createClient.signingSecret as string,
      shop: failingOnceAfterReserving(shop, failOnce),
      port,
    });
  });

  after(async () => {
    await worker?.close();
    await server?.kill();
    await killAllEngineProcesses();
    await db?.drop();
  });

  it("completes a purchase: all four nodes, the money reserved once", () => successPath(client, shop, "o-push-1"));
  it("a declined card fails Make Purchase; a new signal with another card completes", () =>
    declinedThenRetried(client, shop, "o-push-2"));
  it("runs the signals of one subject one at a time", () => oneAtATime(client, "o-push-3"));
  it("does not charge again when a node that reserved the money is retried", () =>
    idempotentRetry(client, shop, failOnce, "o-push-4"));
  it("an outage exhausts a notification's retries; an operator restarts it and the purchase completes", () =>
    outageRestartedByOperator(client, new BackbeatClient({ url: server.url, token: ADMIN_TOKEN }), shop, "o-push-5"));
});
