// The camera-purchase example with a pull worker, against a real server process.
import { after, before, describe } from "node:test";
import { BackbeatClient, type PullWorker } from "@backbeat/client";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { startCameraPullWorker } from "../../examples/camera-purchase/src/pull-worker.ts";
import { createPullClient } from "../src/api.ts";
import { cameraScenarios, createShop, failingOnceAfterReserving } from "../src/camera.ts";
import { killAllEngineProcesses } from "../src/cluster.ts";
import { startServerProcess, type ServerProcess } from "../src/server-process.ts";

describe("camera purchase, pull worker", () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let client: BackbeatClient;
  let worker: PullWorker;
  const shop = createShop();
  const failOnce = new Set<string>();

  before(async () => {
    db = await createTestDatabase();
    server = await startServerProcess("camera-pull", db.url);
    const { token } = await createPullClient(server.url, "camera shop (pull)");
    client = new BackbeatClient({ url: server.url, token });
    const errors: unknown[] = [];
    worker = startCameraPullWorker({
      url: server.url,
      token,
      shop: failingOnceAfterReserving(shop, failOnce),
      onError: (error) => errors.push(error),
    });
  });

  after(async () => {
    await worker?.stop();
    await server?.kill();
    await killAllEngineProcesses();
    await db?.drop();
  });

  cameraScenarios("pull", () => ({ serverUrl: server.url, client, shop, failOnce }));
});
