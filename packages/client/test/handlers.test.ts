// Inside a handler and around it, against the real server in-process on a manual clock: heartbeats
// (by hand and automatic) move the node's deadline, rescue handlers by node name resolve or shut
// down a node, close() refuses new deliveries and waits for running ones, and back-off grows.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import WebSocket from "ws";
import {
  BackbeatClient,
  ConflictError,
  createPullWorker,
  createPushHandler,
  reconnectDelay,
  sign,
  type Handler,
  type Node,
  type PushHandler,
  type RescueHandler,
} from "../src/index.ts";
import { createPushClient, startEndpoint, startServer, type Endpoint, type TestServer } from "./support.ts";

/** A promise the test resolves by hand. */
type Gate<T> = { opened: Promise<T>; open: (value: T) => void };
function gate<T = void>(): Gate<T> {
  let open: (value: T) => void = () => {};
  const opened = new Promise<T>((resolve) => (open = resolve));
  return { opened, open };
}

/** The engine's error for a node whose client went silent past its deadline (the reference's message). */
const DEADLINE_EXPIRED = "Client did not respond within the specified 'complete_by' time";

/**
 * A handler the test drives, so that no timer decides when it proceeds: each run waits for orders,
 * heartbeats when told (handing the answer back) and returns when told to finish.
 */
function drivenHandler() {
  type Order = { heartbeat: Gate<Node> } | { finish: string };
  let order = gate<Order>();
  let runs = 0;
  const handler: Handler = async (ctx) => {
    runs++;
    for (;;) {
      const next = await order.opened;
      order = gate<Order>();
      if ("finish" in next) return next.finish;
      next.heartbeat.open(await ctx.heartbeat());
    }
  };
  return {
    handler,
    /** How many times the node was delivered to the handler. */
    runs: () => runs,
    heartbeat: async (): Promise<Node> => {
      const answer = gate<Node>();
      order.open({ heartbeat: answer });
      return answer.opened;
    },
    finish: (result: string) => order.open({ finish: result }),
  };
}

describe("handlers, rescue handlers and shutdown against a real server", () => {
  let s: TestServer;
  let endpoint: Endpoint;
  let client: BackbeatClient;
  let signingSecret: string;
  let push: PushHandler;
  const errors: unknown[] = [];
  const handlers: Record<string, Handler> = {};
  const rescue: Record<string, RescueHandler> = {};

  before(async () => {
    s = await startServer();
    endpoint = await startEndpoint();
    const credentials = await createPushClient(s.url, "handlers", endpoint.url);
    signingSecret = credentials.signingSecret;
    client = new BackbeatClient({ url: s.url, token: credentials.token });
    push = createPushHandler({
      client,
      signingSecret,
      handlers,
      rescue,
      heartbeatIntervalMs: 10,
      // These tests follow PROCESSING and the deadline it sets: report it before each handler runs.
      processingAfterMs: 0,
      onError: (e) => errors.push(e),
    });
    endpoint.listener = push;
  });
  after(async () => {
    await endpoint.close();
    await s.close();
  });

  /** Runs the engine (manual clock) and waits for the handlers, until `done` holds. */
  async function runUntil(done: () => Promise<boolean>, handler: PushHandler = push): Promise<void> {
    for (let i = 0; i < 30; i++) {
      await s.drain();
      await handler.idle();
      if (await done()) return;
    }
    assert.fail("the workflow did not get there");
  }

  /** Polls the server (no drain) until `done` holds: for a handler still running. */
  async function until(what: string, done: () => Promise<boolean> | boolean): Promise<void> {
    const end = Date.now() + 10_000;
    while (!(await done())) {
      if (Date.now() > end) assert.fail(`timed out: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  const plus = (seconds: number) => new Date(s.clock.now().getTime() + seconds * 1000).toISOString();

  /**
   * A client of its own at the same endpoint, with a push handler that sends no automatic heartbeats
   * (every heartbeat is the test's) and keeps what reaches onError. Undo with `endpoint.listener = push`.
   */
  async function ownPushHandler(name: string, own: Record<string, Handler>) {
    const credentials = await createPushClient(s.url, name, endpoint.url);
    const ownClient = new BackbeatClient({ url: s.url, token: credentials.token });
    const failures: unknown[] = [];
    const handler = createPushHandler({
      client: ownClient,
      signingSecret: credentials.signingSecret,
      handlers: own,
      processingAfterMs: 0,
      onError: (e) => failures.push(e),
    });
    endpoint.listener = handler;
    return { client: ownClient, push: handler, failures };
  }

  const statusOf = (n: Node) => `${n.serverStatus}/${n.clientStatus}`;

  it("ctx.heartbeat() moves the deadline to now + the node's timeout, while the handler works past it", async () => {
    const beats: { ask: Gate<void>; answer: Gate<Node> }[] = [];
    const finish = gate();
    handlers.long = async (ctx) => {
      for (const beat of beats) {
        await beat.ask.opened;
        beat.answer.open(await ctx.heartbeat());
      }
      await finish.opened;
      return "done at last";
    };
    beats.push({ ask: gate(), answer: gate<Node>() }, { ask: gate(), answer: gate<Node>() });
    const signal = await client.signal("long", { n: 1 }, "long", { clientData: { timeout: 60 } });
    await s.drain(); // delivered; the handler reports PROCESSING and waits
    await until("PROCESSING", async () => (await client.node(signal.id)).clientStatus === "PROCESSING");

    s.clock.advance(50_000);
    beats[0]!.ask.open();
    assert.equal((await beats[0]!.answer.opened).completeBy, plus(60));
    s.clock.advance(50_000); // 100 s after the start: past the first deadline
    await s.drain();
    beats[1]!.ask.open();
    const second = await beats[1]!.answer.opened;
    assert.equal(second.completeBy, plus(60));
    assert.equal((await client.node(signal.id)).completeBy, plus(60));

    finish.open();
    await runUntil(async () => (await client.node(signal.id)).serverStatus === "COMPLETE");
    const node = await client.node(signal.id);
    assert.deepEqual(node.response, { result: "done at last" });
    assert.equal(node.attempt, 1, "never timed out nor resent");
  });

  it("heartbeatIntervalMs: heartbeats go out on their own while a handler runs", async () => {
    const finish = gate();
    handlers.quiet = async () => {
      await finish.opened;
    };
    const signal = await client.signal("quiet", { n: 1 }, "quiet", { clientData: { timeout: 60 } });
    await s.drain();
    await until("PROCESSING", async () => (await client.node(signal.id)).clientStatus === "PROCESSING");
    s.clock.advance(30_000);
    const expected = plus(60);
    await until("an automatic heartbeat", async () => (await client.node(signal.id)).completeBy === expected);
    finish.open();
    await runUntil(async () => (await client.node(signal.id)).serverStatus === "COMPLETE");
  });

  it("heartbeat keeps a long node alive past its timeout: it completes, delivered once, never retried", async () => {
    const driven = drivenHandler();
    const own = await ownPushHandler("long-haul", { haul: driven.handler });
    try {
      const signal = await own.client.signal("haul", { n: 1 }, "haul", { clientData: { timeout: 60 } });
      await s.drain();
      await until("PROCESSING", async () => (await own.client.node(signal.id)).clientStatus === "PROCESSING");
      const startedAt = s.clock.now().getTime();
      assert.equal((await own.client.node(signal.id)).completeBy, plus(60));

      // Three heartbeats 50 s apart, the engine running at every step: 200 s in all, more than
      // three times the timeout, each step past the deadline the previous heartbeat replaced.
      for (let beat = 0; beat < 3; beat++) {
        s.clock.advance(50_000);
        await s.drain();
        assert.equal(statusOf(await own.client.node(signal.id)), "SENT_TO_CLIENT/PROCESSING");
        assert.equal((await driven.heartbeat()).completeBy, plus(60));
      }
      s.clock.advance(50_000);
      await s.drain();
      assert.equal(statusOf(await own.client.node(signal.id)), "SENT_TO_CLIENT/PROCESSING");
      assert.equal(s.clock.now().getTime() - startedAt, 200_000);

      driven.finish("hauled");
      await runUntil(async () => (await own.client.node(signal.id)).serverStatus === "COMPLETE", own.push);
      const node = await own.client.node(signal.id);
      assert.equal(statusOf(node), "COMPLETE/COMPLETE");
      assert.deepEqual(node.response, { result: "hauled" });
      assert.equal(driven.runs(), 1, "delivered once");
      assert.equal(node.attempt, 1);
      assert.equal(node.retriesRemaining, signal.retriesRemaining, "no retry used");
      assert.deepEqual(
        node.statusChanges.filter((c) => c.toStatus === "errored"),
        [],
        "never timed out",
      );
      assert.deepEqual(own.failures, []);
    } finally {
      endpoint.listener = push;
    }
  });

  it("without heartbeats the node times out and is retried; the late COMPLETED is refused and reaches onError", async () => {
    const driven = drivenHandler();
    const own = await ownPushHandler("no-heartbeat", { haul: driven.handler });
    try {
      const signal = await own.client.signal("haul", { n: 2 }, "haul", { clientData: { timeout: 60 } });
      await s.drain();
      await until("PROCESSING", async () => (await own.client.node(signal.id)).clientStatus === "PROCESSING");

      s.clock.advance(61_000); // silent past the deadline
      await s.drain();
      const timedOut = await own.client.node(signal.id);
      assert.equal(statusOf(timedOut), "RETRYING/ERRORED");
      assert.equal(timedOut.completeBy, null);
      assert.equal(timedOut.retriesRemaining, signal.retriesRemaining - 1);
      assert.deepEqual(
        timedOut.statusChanges.slice(-2).map((c) => [c.statusType, c.fromStatus, c.toStatus, c.response]),
        [
          ["CLIENT", "processing", "errored", { error: DEADLINE_EXPIRED }],
          ["SERVER", "sent_to_client", "retrying", { error: DEADLINE_EXPIRED }],
        ],
      );

      // The handler finishes late: its report is refused, and nothing about the node changes.
      driven.finish("too late");
      await own.push.idle();
      assert.equal(own.failures.length, 1, "the refusal, and no ERRORED report after it");
      const refusal = own.failures[0];
      assert.ok(refusal instanceof ConflictError, String(refusal));
      assert.equal(refusal.code, "CONFLICT");
      assert.equal(refusal.attemptedStatus, "complete");
      const after = await own.client.node(signal.id);
      assert.equal(statusOf(after), "RETRYING/ERRORED");
      assert.equal(after.retriesRemaining, timedOut.retriesRemaining);
      assert.deepEqual(after.statusChanges, timedOut.statusChanges, "no status change written");

      // The retry delivers it again, and this time it completes.
      s.clock.set(after.firesAt);
      await s.drain();
      await until("the second attempt", async () => {
        const n = await own.client.node(signal.id);
        return n.attempt === 2 && n.clientStatus === "PROCESSING";
      });
      driven.finish("second time");
      await runUntil(async () => (await own.client.node(signal.id)).serverStatus === "COMPLETE", own.push);
      const node = await own.client.node(signal.id);
      assert.deepEqual(node.response, { result: "second time" });
      assert.equal(driven.runs(), 2);
      assert.equal(own.failures.length, 1);
    } finally {
      endpoint.listener = push;
    }
  });

  it("a slow first attempt cannot settle the second: its late COMPLETED names attempt 1 and is refused", async () => {
    // One pending run per attempt; the test says when each finishes.
    const finish = new Map<number, (result: string) => void>();
    const slow: Handler = (ctx) => new Promise<string>((resolve) => finish.set(ctx.node.attempt, resolve));
    const own = await ownPushHandler("two-attempts", { slow });
    try {
      const signal = await own.client.signal("slow", { n: 3 }, "slow", {
        clientData: { timeout: 60 },
        retryInterval: 0,
      });
      await s.drain();
      await until("attempt 1 PROCESSING", async () => (await own.client.node(signal.id)).clientStatus === "PROCESSING");

      s.clock.advance(61_000); // attempt 1 goes silent past its deadline: retried at once and sent again
      await s.drain();
      await until("attempt 2 PROCESSING", async () => {
        const n = await own.client.node(signal.id);
        return n.attempt === 2 && n.clientStatus === "PROCESSING" && finish.has(2);
      });

      finish.get(1)!("late"); // the first worker wakes up and reports
      await until("the refusal", () => own.failures.length === 1);
      const refusal = own.failures[0];
      assert.ok(refusal instanceof ConflictError, String(refusal));
      assert.match(refusal.message, /Attempt 1 of node .* is over \(the node is on attempt 2\)/);
      const during = await own.client.node(signal.id);
      assert.equal(statusOf(during), "SENT_TO_CLIENT/PROCESSING", "attempt 2 is untouched");

      finish.get(2)!("on time");
      await runUntil(async () => (await own.client.node(signal.id)).serverStatus === "COMPLETE", own.push);
      assert.deepEqual((await own.client.node(signal.id)).response, { result: "on time" });
      assert.equal(own.failures.length, 1, "no ERRORED report after the refusal");
    } finally {
      endpoint.listener = push;
    }
  });

  it("rescue handlers by node name: shutdown() and resolve() the node the notification is about", async () => {
    const seen: string[] = [];
    handlers.charge = () => {
      throw new Error("card declined");
    };
    handlers.refund = () => {
      throw new Error("bank offline");
    };
    rescue.charge = async (n) => {
      seen.push(`${n.notification.name}: ${n.notification.message}`);
      await n.shutdown({ note: "given up" });
    };
    rescue.refund = async (n) => {
      seen.push(`${n.notification.name}: ${n.notification.message}`);
      await n.resolve({ note: "refunded by hand" });
    };
    const charge = await client.signal("rescue", { n: 1 }, "charge", { retry: 0 });
    const refund = await client.signal("rescue", { n: 2 }, "refund", { retry: 0 });
    await runUntil(async () => seen.length === 2);
    assert.deepEqual(seen.sort(), ["charge: Client Error", "refund: Client Error"]);
    const [c, r] = [await client.node(charge.id), await client.node(refund.id)];
    assert.equal(c.clientStatus, "SHUTDOWN");
    assert.deepEqual(c.response, { note: "given up" });
    assert.equal(r.clientStatus, "RESOLVED");
    await runUntil(async () => (await client.node(refund.id)).serverStatus === "COMPLETE");
  });

  it("a notification with no rescue handler for its node is reported to onError", async () => {
    handlers.orphan = () => {
      throw new Error("nobody rescues me");
    };
    const before = errors.length;
    await client.signal("rescue", { n: 3 }, "orphan", { retry: 0 });
    await runUntil(async () => errors.length > before);
    assert.match(String(errors.at(-1)), /no rescue handler for node "orphan"/);
  });

  it("close(): answers 503 to new deliveries and resolves once the running node has reported", async () => {
    const started = gate();
    const finish = gate();
    const own = await createPushClient(s.url, "closing", endpoint.url);
    const ownClient = new BackbeatClient({ url: s.url, token: own.token });
    const closing = createPushHandler({
      client: ownClient,
      signingSecret: own.signingSecret,
      handlers: {
        slow: async () => {
          started.open();
          await finish.opened;
          return "finished";
        },
      },
      onError: (e) => errors.push(e),
    });
    endpoint.listener = closing;
    try {
      const signal = await ownClient.signal("slow", { n: 1 }, "slow", { retry: 1 });
      await s.drain();
      await started.opened;
      let closed = false;
      const closed$ = closing.close().then(() => (closed = true));

      const body = JSON.stringify({ activity: { id: signal.id, name: "slow", clientData: {} } });
      const res = await fetch(endpoint.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-backbeat-signature": sign(body, own.signingSecret) },
        body,
      });
      assert.equal(res.status, 503, "refused while closing: the server delivers it again later");
      assert.equal(closed, false, "waits for the running node");

      finish.open();
      await closed$;
      const node = await ownClient.node(signal.id);
      assert.equal(node.clientStatus, "COMPLETE", "reported before close() resolved");
      assert.deepEqual(node.response, { result: "finished" });
    } finally {
      endpoint.listener = push;
    }
  });

  it("reconnect back-off doubles from the initial delay up to the maximum, with jitter in its upper half", () => {
    const o = { initialDelayMs: 100, maxDelayMs: 1000 };
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((n) => reconnectDelay(n, o, () => 0)),
      [50, 100, 200, 400, 500, 500],
    );
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((n) => reconnectDelay(n, o, () => 0.999_999)).map(Math.round),
      [100, 200, 400, 800, 1000, 1000],
    );
    assert.equal(
      reconnectDelay(0, {}, () => 0.5),
      750,
      "defaults: 1 s initial",
    );
  });

  it("a pull worker whose server is unreachable retries with growing waits", async () => {
    const attempts: number[] = [];
    class Counted extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        attempts.push(performance.now());
      }
    }
    const w = createPullWorker({
      url: "http://127.0.0.1:1/graphql",
      token: "t",
      client: new BackbeatClient({ url: "http://127.0.0.1:1/graphql", token: "t" }),
      handlers: {},
      reconnect: { initialDelayMs: 40, maxDelayMs: 10_000 },
      webSocketImpl: Counted,
      onError: () => {},
    });
    w.start();
    await until("five connection attempts", () => attempts.length >= 5);
    await w.stop();
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    // Retry n waits between 40·2ⁿ/2 and 40·2ⁿ ms: the third wait (≥ 80 ms) outlasts the first (≤ 40 ms + overhead).
    assert.ok(gaps[0]! >= 20 && gaps[2]! >= 80 && gaps[3]! >= 160, `gaps ${gaps.map(Math.round).join(", ")}`);
    assert.ok(gaps[3]! > gaps[0]!);
  });
});
