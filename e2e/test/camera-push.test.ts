// The camera-purchase example behind a push endpoint (the server POSTs each node to it), against a real
// server process.
import { after, before, describe } from "node:test";
import { BackbeatClient } from "@backbeat/client";
import { createTestDatabase, freePort, type TestDatabase } from "@backbeat/db/testing";
import { startCameraPushWorker, type CameraPushWorker } from "../../examples/camera-purchase/src/push-worker.ts";
import { cameraScenarios, createShop, failingOnceAfterReserving } from "../src/camera.ts";
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

  cameraScenarios("push", () => ({ serverUrl: server.url, client, shop, failOnce }));
});
