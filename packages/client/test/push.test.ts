// The client against the real server in-process, with its push handler on a real HTTP server.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  AuthenticationError,
  BackbeatClient,
  BackbeatError,
  ConflictError,
  createPushHandler,
  NotFoundError,
  sign,
  ValidationError,
  verifySignature,
  type Handler,
  type Notification,
  type PushHandler,
} from "../src/index.ts";
import { createPushClient, startEndpoint, startServer, type Endpoint, type TestServer } from "./support.ts";

describe("@backbeat/client against a real server", () => {
  let s: TestServer;
  let endpoint: Endpoint;
  let client: BackbeatClient;
  let signingSecret: string;
  let push: PushHandler;
  const calls: string[] = [];
  const rescued: Notification[] = [];

  const handlers: Record<string, Handler> = {
    purchase: async (ctx) => {
      calls.push(`${ctx.kind}:${ctx.node.name}`);
      await ctx.blocking("charge", { clientData: { amount: 5 } });
      await ctx.nonBlocking("notify", { retry: 1 });
      return { decided: true };
    },
    charge: (ctx) => {
      calls.push(`${ctx.kind}:${ctx.node.name}`);
      return { charged: ctx.node.clientData.amount };
    },
    notify: (ctx) => {
      calls.push(`${ctx.kind}:${ctx.node.name}`);
      return "sent";
    },
    declined: () => {
      throw new TypeError("card declined");
    },
  };

  before(async () => {
    s = await startServer();
    endpoint = await startEndpoint();
    const credentials = await createPushClient(s.url, "shop", endpoint.url);
    signingSecret = credentials.signingSecret;
    client = new BackbeatClient({ url: s.url, token: credentials.token });
    push = createPushHandler({
      client,
      signingSecret,
      handlers,
      rescue: async (n) => {
        rescued.push(n);
        await n.resolve({ note: "refunded by hand" });
      },
      onError: () => {},
    });
    endpoint.listener = push;
  });
  after(async () => {
    await endpoint.close();
    await s.close();
  });

  /** Runs the engine (manual clock) and the handlers until `done` holds. */
  async function runUntil(done: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 30; i++) {
      await s.drain();
      await push.idle();
      if (await done()) return;
    }
    assert.fail("the workflow did not get there");
  }

  it("runs a workflow end to end: signal, a decision adding children, activities returning results", async () => {
    const signal = await client.signal("purchase", { order: 1 }, "purchase", {
      clientData: { card: "visa" },
      metadata: { region: "eu" },
      retry: 2,
      retryInterval: 60,
    });
    assert.equal(signal.serverStatus, "READY");
    assert.deepEqual(
      [signal.clientData, signal.metadata, signal.retriesRemaining],
      [{ card: "visa" }, { region: "eu" }, 2],
    );

    await runUntil(async () => (await client.node(signal.id)).serverStatus === "COMPLETE");
    assert.deepEqual(calls, ["decision:purchase", "activity:charge", "activity:notify"]);

    const workflow = await client.workflow(signal.workflowId);
    const byName = new Map(workflow.nodes.map((n) => [n.name, n]));
    assert.deepEqual(
      workflow.nodes.map((n) => `${n.name} ${n.mode} ${n.serverStatus}/${n.clientStatus}`),
      [
        "purchase BLOCKING COMPLETE/COMPLETE",
        "charge BLOCKING COMPLETE/COMPLETE",
        "notify NON_BLOCKING COMPLETE/COMPLETE",
      ],
    );
    assert.deepEqual(byName.get("purchase")!.response, { result: { decided: true } });
    assert.deepEqual(byName.get("charge")!.response, { result: { charged: 5 } });
    assert.deepEqual(byName.get("notify")!.response, { result: "sent" });
    assert.match(workflow.printTree, /charge/);

    // find-or-create: the same name and subject is the same workflow.
    const again = await client.signal("purchase", { order: 1 }, "nothing-to-do");
    assert.equal(again.workflowId, signal.workflowId);
  });

  it("reports ERRORED with the error's message, name and stack head when a handler throws", async () => {
    const signal = await client.signal("declined", { order: 2 }, "declined", { retry: 3, retryInterval: 60 });
    await runUntil(async () => (await client.node(signal.id)).statusChanges.some((c) => c.toStatus === "errored"));
    const node = await client.node(signal.id);
    const errored = node.statusChanges.find((c) => c.statusType === "CLIENT" && c.toStatus === "errored")!;
    const { error } = errored.response as { error: { message: string; name: string; stack: string } };
    assert.equal(error.message, "card declined");
    assert.equal(error.name, "TypeError");
    assert.match(error.stack, /^TypeError: card declined\n/);
    assert.ok(error.stack.split("\n").length <= 5);
    assert.equal(node.serverStatus, "RETRYING", "the server retries it");
  });

  it("hands the notification of exhausted retries to the rescue handler, which can resolve the node", async () => {
    const signal = await client.signal("declined", { order: 3 }, "declined", { retry: 0 });
    await runUntil(async () => rescued.some((n) => n.node.id === signal.id));
    const notification = rescued.find((n) => n.node.id === signal.id)!;
    assert.equal(notification.notification.message, "Client Error");
    assert.equal((await client.node(signal.id)).clientStatus, "RESOLVED");
  });

  it("answers 401 to a bad or missing signature, and runs nothing", async () => {
    const before = calls.length;
    const body = JSON.stringify({ activity: { id: "x", name: "charge", clientData: {} } });
    for (const signature of [sign(body, "not-the-secret"), undefined, "sha256=00"]) {
      const res = await fetch(endpoint.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(signature ? { "x-backbeat-signature": signature } : {}) },
        body,
      });
      assert.equal(res.status, 401);
    }
    await push.idle();
    assert.equal(calls.length, before);
    assert.ok(verifySignature(body, sign(body, signingSecret), signingSecret));
    assert.ok(!verifySignature(`${body} `, sign(body, signingSecret), signingSecret));
  });

  it("throws typed errors: bad token, not found, conflict, validation, network", async () => {
    const stranger = new BackbeatClient({ url: s.url, token: "wrong-token" });
    await assert.rejects(stranger.workflow("any"), AuthenticationError);

    const signal = await client.signal("typed-errors", { order: 4 }, "go");
    const other = await createPushClient(s.url, "other", endpoint.url);
    const otherClient = new BackbeatClient({ url: s.url, token: other.token });
    await assert.rejects(otherClient.node(signal.id), (e) => e instanceof NotFoundError && e.code === "NOT_FOUND");

    // A signal behind an unfinished one is READY: never sent, so it cannot be completed.
    const waiting = await client.signalWorkflow(signal.workflowId, { name: "behind" });
    await assert.rejects(client.reportNodeStatus(waiting.id, "COMPLETED"), (e) => {
      assert.ok(e instanceof ConflictError);
      assert.equal(e.currentStatus, "ready");
      assert.ok(e.attemptedStatus);
      return true;
    });
    await assert.rejects(client.signalWorkflow(signal.workflowId, { name: "x", retry: -1 }), ValidationError);
    await assert.rejects(client.node("not an id"), ValidationError);

    const offline = new BackbeatClient({ url: "http://127.0.0.1:1/graphql", token: "t" });
    await assert.rejects(offline.workflow("x"), (e) => e instanceof BackbeatError && e.code === "NETWORK_ERROR");
  });
});
