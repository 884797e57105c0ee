// A handler's addChildren whose answer is lost at the database (its COMMIT went through, then the
// connection was cut: the server answers DATABASE_UNAVAILABLE, "may or may not have been made") is
// sent again with the same idempotency key, gets the children it made, and the handler goes on: the
// node completes on its first attempt with one set of children. Without that, the handler failed,
// the node was retried and its first children deactivated (seen in e2e/test/database-outage).
import assert from "node:assert/strict";
import type { IncomingMessage, ServerResponse } from "node:http";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { createEngine, ManualClock, type Engine } from "@backbeat/engine";
import { createApp } from "@backbeat/server/app";
import { BackbeatClient, createPushHandler, type Handler, type PushHandler } from "../src/index.ts";
import { startCommitAnswerCutter, type CommitAnswerCutter } from "./commit-answer-cutter.ts";
import { ADMIN_TOKEN, createPushClient, startEndpoint, type Endpoint } from "./support.ts";

describe("an addChildren whose COMMIT answer is lost", () => {
  let database: TestDatabase;
  let cutter: CommitAnswerCutter;
  let engine: Engine;
  let app: Awaited<ReturnType<typeof createApp>>;
  let endpoint: Endpoint;
  let client: BackbeatClient;
  let push: PushHandler;
  const handlers: Record<string, Handler> = {};
  const errors: unknown[] = [];

  before(async () => {
    database = await createTestDatabase();
    // Every statement of the server goes through the proxy, which can cut one COMMIT's answer.
    cutter = await startCommitAnswerCutter(database.url);
    engine = createEngine({ databaseUrl: cutter.url, clock: new ManualClock(), random: () => 0.5, poolSize: 4 });
    app = await createApp({ engine, databaseUrl: cutter.url, adminToken: ADMIN_TOKEN, log: () => {} });
    const url = `http://127.0.0.1:${await app.listen(0, "127.0.0.1")}/graphql`;
    endpoint = await startEndpoint();
    const credentials = await createPushClient(url, "lost-commit", endpoint.url);
    client = new BackbeatClient({ url, token: credentials.token });
    push = createPushHandler({
      client,
      signingSecret: credentials.signingSecret,
      handlers,
      onError: (e) => errors.push(e),
    });
    endpoint.listener = (req: IncomingMessage, res: ServerResponse) => push(req, res);
  });
  after(async () => {
    await endpoint?.close();
    await app?.close();
    await engine?.close();
    await cutter?.close();
    await database?.drop();
  });

  async function until(what: string, done: () => Promise<boolean> | boolean): Promise<void> {
    const end = Date.now() + 15_000;
    while (!(await done())) {
      if (Date.now() > end) assert.fail(`timed out: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it("is sent again with its key: the handler goes on, the node completes on attempt 1 with its one child", async () => {
    let decided = 0;
    handlers.decide = async (ctx) => {
      cutter.arm(/INSERT INTO nodes/);
      await ctx.nonBlocking("step");
      decided++;
      return "decided";
    };
    handlers.step = () => "stepped";
    const signal = await client.signal("lost-commit", 1, "decide");
    const settled = async () => {
      await engine.scheduler.drain();
      await push.idle();
      const node = await client.node(signal.id);
      return node.serverStatus !== "SENT_TO_CLIENT" && node.serverStatus !== "STARTED";
    };
    await until("the decision settles", settled);

    assert.equal(cutter.cuts(), 1, "the COMMIT's answer was cut");
    assert.deepEqual(errors, []);
    assert.equal(decided, 1, "the handler went on after addChildren");
    const node = await client.node(signal.id);
    assert.equal(node.attempt, 1, "never retried");
    assert.equal(node.clientStatus, "COMPLETE");
    assert.equal(node.children.length, 1, "one child: the one the lost COMMIT made");
    await until("the child completes", async () => {
      await engine.scheduler.drain();
      await push.idle();
      return (await client.node(signal.id)).serverStatus === "COMPLETE";
    });
  });
});
