// The pull worker against the real server in-process: a client without an activity endpoint, whose
// nodes (signals and children) arrive over graphql-ws (nodesToRun) and run through the worker.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import WebSocket from "ws";
import { BackbeatClient, createPullWorker, type Handler, type PullWorker } from "../src/index.ts";
import { wsUrl } from "../src/pull.ts";
import { createPullClient, startServer, type TestServer } from "./support.ts";

describe("createPullWorker against a real server", () => {
  let s: TestServer;
  const workers: PullWorker[] = [];
  const errors: unknown[] = [];

  before(async () => {
    s = await startServer();
  });
  after(async () => {
    for (const w of workers) await w.stop();
    await s.close();
    assert.deepEqual(errors, [], "no connection or report failed");
  });

  /** A fresh pull client (so no other test's worker takes its nodes) and a started worker for it. */
  async function worker(
    name: string,
    handlers: Record<string, Handler>,
    extra: { concurrency?: number; processingAfterMs?: number } = {},
  ) {
    const { token } = await createPullClient(s.url, name);
    const client = new BackbeatClient({ url: s.url, token });
    const w = createPullWorker({
      url: s.url,
      token,
      client,
      handlers,
      ...extra,
      reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
      onError: (e) => errors.push(e),
    });
    workers.push(w);
    w.start();
    return { client, worker: w, token };
  }

  /** Runs the engine (manual clock) while the worker pulls, until `done` holds. */
  async function until(done: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      await s.drain();
      if (await done()) return;
      await sleep(20);
    }
    assert.fail("the workflow did not get there");
  }

  it("runs a workflow whose signal and children are pulled", async () => {
    const calls: string[] = [];
    const { client } = await worker("pull-flow", {
      order: async (ctx) => {
        calls.push(`${ctx.kind}:${ctx.node.name}`);
        assert.equal(ctx.node.workflowName, "order");
        assert.deepEqual(ctx.node.subject, { order: 1 });
        await ctx.blocking("charge", { clientData: { amount: 5 } });
        await ctx.nonBlocking("ship");
        return { decided: true };
      },
      charge: (ctx) => {
        calls.push(`${ctx.kind}:${ctx.node.name}`);
        return { charged: ctx.node.clientData.amount };
      },
      ship: (ctx) => void calls.push(`${ctx.kind}:${ctx.node.name}`),
    });
    const signal = await client.signal("order", { order: 1 }, "order");
    const nodes = async () => (await client.workflow(signal.workflowId)).nodes;
    await until(async () => (await nodes()).every((n) => n.serverStatus === "COMPLETE") && calls.length === 3);
    assert.deepEqual(calls, ["decision:order", "activity:charge", "activity:ship"]);
    const byName = new Map((await nodes()).map((n) => [n.name, n]));
    assert.deepEqual(byName.get("order")!.response, { result: { decided: true } });
    assert.deepEqual(byName.get("charge")!.response, { result: { charged: 5 } });
    assert.deepEqual(byName.get("ship")!.response, { result: null });
    // A quick handler is reported once: RECEIVED → COMPLETE, no PROCESSING in between.
    const charge = await client.node(byName.get("charge")!.id);
    assert.deepEqual(
      charge.statusChanges.filter((c) => c.statusType === "CLIENT").map((c) => c.toStatus),
      ["ready", "received", "complete"],
    );
  });

  it("runs at most `concurrency` nodes at once", async () => {
    let active = 0;
    let most = 0;
    let done = 0;
    const { client } = await worker(
      "pull-fanout",
      {
        fan: (ctx) =>
          ctx.addChildren(Array.from({ length: 6 }, () => ({ name: "slow", mode: "NON_BLOCKING" as const }))),
        slow: async () => {
          most = Math.max(most, ++active);
          await sleep(100);
          active--;
          done++;
        },
      },
      { concurrency: 2 },
    );
    const signal = await client.signal("fan", { n: 6 }, "fan");
    await until(() => done === 6);
    assert.equal(most, 2, "two at once, never more");
    await until(async () => (await client.node(signal.id)).serverStatus === "COMPLETE");
  });

  it("stop() takes no more nodes and resolves once the running one has reported", async () => {
    let started = false;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const ran: string[] = [];
    const { client, worker: w } = await worker(
      "pull-stop",
      {
        slow: async (ctx) => {
          ran.push(ctx.node.id);
          started = true;
          await gate;
          return "finished";
        },
      },
      // A handler still running after 50 ms is reported PROCESSING.
      { processingAfterMs: 50 },
    );
    const signal = await client.signal("slow", { n: 1 }, "slow");
    await until(() => started);
    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    await sleep(200);
    assert.equal(stopped, false, "waits for the running handler");
    assert.equal((await client.node(signal.id)).clientStatus, "PROCESSING");
    release();
    await stopping;
    const node = await client.node(signal.id);
    assert.equal(node.clientStatus, "COMPLETE", "reported before stop() resolved");
    assert.deepEqual(node.response, { result: "finished" });

    const next = await client.signal("slow", { n: 2 }, "slow");
    await s.drain();
    await sleep(200);
    assert.deepEqual(ran, [signal.id], "a stopped worker runs nothing");
    assert.equal((await client.node(next.id)).clientStatus, "RECEIVED");
  });

  it("reports ERRORED when a handler throws", async () => {
    const { client } = await worker("pull-error", {
      declined: () => {
        throw new TypeError("card declined");
      },
    });
    const signal = await client.signal("declined", { n: 1 }, "declined", { retry: 3, retryInterval: 60 });
    const erroredChange = async () =>
      (await client.node(signal.id)).statusChanges.find((c) => c.statusType === "CLIENT" && c.toStatus === "errored");
    await until(async () => (await erroredChange()) !== undefined);
    const { error } = (await erroredChange())!.response as { error: { message: string; name: string } };
    assert.deepEqual([error.message, error.name], ["card declined", "TypeError"]);
    assert.equal((await client.node(signal.id)).serverStatus, "RETRYING");
  });

  it("reconnects when the connection is lost, and keeps pulling", async () => {
    const sockets: WebSocket[] = [];
    class Tracked extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets.push(this);
      }
    }
    const { token } = await createPullClient(s.url, "pull-reconnect");
    const client = new BackbeatClient({ url: s.url, token });
    const ran: number[] = [];
    const w = createPullWorker({
      url: s.url.replace(/\/graphql$/, ""),
      token,
      client,
      handlers: { job: (ctx) => void ran.push(ctx.node.clientData.n as number) },
      reconnect: { initialDelayMs: 20 },
      webSocketImpl: Tracked,
      onError: () => {},
    });
    workers.push(w);
    w.start();
    await client.signal("job", { n: 1 }, "job", { clientData: { n: 1 } });
    await until(() => ran.length === 1);
    sockets[0]!.terminate();
    await client.signal("job", { n: 2 }, "job", { clientData: { n: 2 } });
    await until(() => ran.length === 2);
    assert.deepEqual(ran, [1, 2]);
    assert.ok(sockets.length >= 2, "a new connection");
  });

  it("gives up and says so when the token is refused (no endless reconnecting)", async () => {
    const seen: unknown[] = [];
    const w = createPullWorker({
      url: s.url,
      token: "wrong-token",
      client: new BackbeatClient({ url: s.url, token: "wrong-token" }),
      handlers: {},
      reconnect: { initialDelayMs: 10 },
      onError: (e) => seen.push(e),
    });
    w.start();
    await until(() => seen.length > 0);
    await sleep(100);
    assert.equal(seen.length, 1);
    assert.equal((seen[0] as { code: number }).code, 4403);
    await w.stop();
  });

  it("turns an http base url into the WebSocket endpoint", () => {
    assert.equal(wsUrl("http://h:4000"), "ws://h:4000/graphql");
    assert.equal(wsUrl("https://h/graphql"), "wss://h/graphql");
    assert.equal(wsUrl("ws://h:1/graphql"), "ws://h:1/graphql");
  });
});
