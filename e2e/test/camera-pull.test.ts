// The camera-purchase example with a pull worker, against a real server process.
import { after, before, describe, it } from "node:test";
import { BackbeatClient, type PullWorker } from "@backbeat/client";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { startCameraPullWorker } from "../../examples/camera-purchase/src/pull-worker.ts";
import { createPullClient } from "../src/api.ts";
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
import { ADMIN_TOKEN, startServerProcess, type ServerProcess } from "../src/server-process.ts";

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

  it("completes a purchase: all four nodes, the money reserved once", () => successPath(client, shop, "o-pull-1"));
  it("a declined card fails Make Purchase; a new signal with another card completes", () =>
    declinedThenRetried(client, shop, "o-pull-2"));
  it("runs the signals of one subject one at a time", () => oneAtATime(client, "o-pull-3"));
  it("does not charge again when a node that reserved the money is retried", () =>
    idempotentRetry(client, shop, failOnce, "o-pull-4"));
  it("an outage exhausts a notification's retries; an operator restarts it and the purchase completes", () =>
    outageRestartedByOperator(client, new BackbeatClient({ url: server.url, token: ADMIN_TOKEN }), shop, "o-pull-5"));
});
