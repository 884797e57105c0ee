// nodesToRun: pull delivery over graphql-ws for a client without an activity endpoint. Each
// waiting node goes to one subscriber only, at most `concurrency` unfinished per subscription;
// when a subscriber goes away, the nodes it had not started go to another one.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { CREATE_WORKFLOW, REPORT, SIGNAL } from "./fragments.ts";
import { ADMIN_TOKEN, startServer, statuses, waitUntil, type TestClient, type TestServer } from "./support.ts";
import { subscribe, wsClient, type Subscription } from "./ws-support.ts";

const PULL = `subscription($c: Int) { nodesToRun(concurrency: $c) { id name clientId serverStatus clientStatus workflow { name } } }`;

describe("nodesToRun over WebSocket", () => {
  let s: TestServer;
  let puller: TestClient;
  let pusher: TestClient;
  before(async () => {
    s = await startServer();
    puller = await s.newClient("puller", { push: false });
    pusher = await s.newClient("pusher");
  });
  after(() => s.close());
  // When a wait times out, what the server logged is the first thing to read.
  afterEach(async () => {
    const errors = s.logged.filter((l) => l.level === "error");
    if (errors.length > 0) console.error("server errors:", JSON.stringify(errors, null, 1));
    // A disposed client's subscription ends on the server a moment later. Until then it still counts
    // and takes nodes: the next test's first signal went to it, and came back when it ended.
    await waitUntil(() => s.app.pull.subscriptionCount === 0);
  });

  /** n signals in n workflows (signals of one workflow run one at a time), sent and waiting. */
  const waitingNodes = async (n: number, prefix: string): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const w = (await s.ok(puller.token, CREATE_WORKFLOW, { input: { name: `${prefix}-${i}`, subject: i } }))
        .createWorkflow.id;
      ids.push((await s.ok(puller.token, SIGNAL, { id: w, input: { name: `${prefix}-node-${i}` } })).signalWorkflow.id);
    }
    await s.drain();
    for (const id of ids) {
      const d = await s.ok(puller.token, `query($id: ID!) { node(id: $id) { serverStatus clientStatus } }`, { id });
      assert.equal(statuses(d.node), "SENT_TO_CLIENT/RECEIVED");
    }
    return ids;
  };
  const pulled = (sub: Subscription): string[] => sub.events.map((e) => e.nodesToRun.id as string);
  const settle = () => new Promise((r) => setTimeout(r, 400));

  it("two subscribers share the waiting nodes: each once, within each concurrency", async () => {
    const ids = await waitingNodes(5, "share");
    const ca = wsClient(s.url, puller.token);
    const cb = wsClient(s.url, puller.token);
    const a = subscribe(ca, PULL, { c: 1 });
    const b = subscribe(cb, PULL, { c: 2 });
    await a.waitFor(1);
    await b.waitFor(2);
    await settle();
    assert.equal(a.events.length, 1, "concurrency 1");
    assert.equal(b.events.length, 2, "concurrency 2");
    const first = [...pulled(a), ...pulled(b)];
    assert.equal(new Set(first).size, 3, "no node twice");
    assert.ok(first.every((id) => ids.includes(id)));
    assert.equal(a.events[0]!.nodesToRun.workflow.name.startsWith("share-"), true);

    // PROCESSING keeps the slot; COMPLETED frees it and the next node comes.
    const mine = pulled(a)[0]!;
    await s.ok(puller.token, REPORT, { id: mine, status: "PROCESSING" });
    await settle();
    assert.equal(a.events.length, 1, "still busy");
    await s.ok(puller.token, REPORT, { id: mine, status: "COMPLETED" });
    await a.waitFor(2);
    for (const id of pulled(b)) await s.ok(puller.token, REPORT, { id, status: "COMPLETED" });
    await b.waitFor(3);
    await settle();
    const all = [...pulled(a), ...pulled(b)];
    assert.equal(all.length, 5);
    assert.deepEqual([...all].sort(), [...ids].sort(), "every node exactly once");
    a.stop();
    b.stop();
    await ca.dispose();
    await cb.dispose();
    // Both subscriptions are gone from the dispatcher (no zombie keeps taking nodes).
    await waitUntil(() => s.app.pull.subscriptionCount === 0);
    for (const id of all) await s.ok(puller.token, REPORT, { id, status: "COMPLETED" }).catch(() => {});
  });

  it("a subscriber that goes away mid-node: its unfinished nodes go to another subscriber at once", async () => {
    const ids = await waitingNodes(3, "crash");
    const cDead = wsClient(s.url, puller.token);
    const dead = subscribe(cDead, PULL, { c: 2 });
    // The second subscriber comes once the first holds its two: two connections' subscriptions are
    // registered in no fixed order, and a concurrency-5 subscriber registered first would take all three.
    await dead.waitFor(2);
    const cWaiting = wsClient(s.url, puller.token);
    const waiting = subscribe(cWaiting, PULL, { c: 5 });
    await waiting.waitFor(1);
    await settle();
    const taken = pulled(dead);
    assert.deepEqual([...taken, ...pulled(waiting)].sort(), [...ids].sort());
    // The worker started one node and finished the other, then vanished mid-node.
    await s.ok(puller.token, REPORT, { id: taken[0]!, status: "PROCESSING" });
    await s.ok(puller.token, REPORT, { id: taken[1]!, status: "COMPLETED" });
    cDead.terminate();
    await waiting.waitFor(2);
    await settle();
    assert.deepEqual(pulled(waiting).slice(1), [taken[0]], "the unfinished node, once; not the finished one");
    assert.equal(waiting.events[1]!.nodesToRun.clientStatus, "PROCESSING", "it says a worker had started it");
    for (const id of [taken[0]!, pulled(waiting)[0]!]) await s.ok(puller.token, REPORT, { id, status: "COMPLETED" });
    waiting.stop();
    await cWaiting.dispose();
  });

  it("prefetch: a subscription holds concurrency + prefetch nodes, and a finished one makes room for the next", async () => {
    const ids = await waitingNodes(4, "prefetch");
    const c = wsClient(s.url, puller.token);
    const sub = subscribe(c, `subscription { nodesToRun(concurrency: 1, prefetch: 2) { id } }`, {});
    await sub.waitFor(3);
    await settle();
    assert.equal(sub.events.length, 3, "one to run and two queued, not more");
    await s.ok(puller.token, REPORT, { id: pulled(sub)[0]!, status: "COMPLETED" });
    await sub.waitFor(4);
    assert.deepEqual([...pulled(sub)].sort(), [...ids].sort(), "each node once");
    for (const id of pulled(sub).slice(1)) await s.ok(puller.token, REPORT, { id, status: "COMPLETED" });
    sub.stop();
    await c.dispose();
  });

  it("a single report frees its slot at once: the next waiting node is handed out before the answer", async () => {
    const [first, second] = await waitingNodes(2, "single-report");
    const c = wsClient(s.url, puller.token);
    const sub = subscribe(c, PULL, { c: 1 });
    await sub.waitFor(1);
    await s.app.pull.handedOut();
    assert.deepEqual(pulled(sub), [first], "one slot: the oldest node");
    await s.ok(puller.token, REPORT, { id: first, status: "COMPLETED" });
    assert.equal(s.app.pull.holds(second!), true, "handed out before the report's answer");
    await sub.waitFor(2);
    await s.ok(puller.token, REPORT, { id: second, status: "COMPLETED" });
    sub.stop();
    await c.dispose();
  });

  it("a signal's node goes to a waiting subscriber before the signal is answered", async () => {
    const c = wsClient(s.url, puller.token);
    const sub = subscribe(c, PULL, { c: 1 });
    await waitUntil(() => s.app.pull.subscriptionCount === 1);
    // The subscription's first fill (nothing waiting) is over: the signal's commit asks for the next.
    await s.app.pull.handedOut();
    for (let i = 0; i < 3; i++) {
      const w = (await s.ok(puller.token, CREATE_WORKFLOW, { input: { name: `first-${i}`, subject: i } }))
        .createWorkflow.id;
      const id = (await s.ok(puller.token, SIGNAL, { id: w, input: { name: `first-node-${i}` } })).signalWorkflow
        .id as string;
      assert.equal(s.app.pull.holds(id), true, "handed out before the answer");
      await sub.waitFor(i + 1);
      await s.ok(puller.token, REPORT, { id, status: "COMPLETED" });
    }
    sub.stop();
    await c.dispose();
    await waitUntil(() => s.app.pull.subscriptionCount === 0);
  });

  it("refuses a prefetch out of range, before holding anything", async () => {
    const c = wsClient(s.url, puller.token);
    for (const prefetch of [-1, 101]) {
      const sub = subscribe(c, `subscription($p: Int) { nodesToRun(concurrency: 1, prefetch: $p) { id } }`, {
        p: prefetch,
      });
      await sub.ended;
      assert.equal(sub.errors[0]?.extensions?.code, "BAD_USER_INPUT", JSON.stringify(sub.errors));
      assert.equal(sub.events.length, 0);
    }
    await c.dispose();
  });

  it("a node nobody pulls in time is retried by its deadline and pulled again", async () => {
    const [id] = await waitingNodes(1, "late");
    const node = await s.ok(puller.token, `query($id: ID!) { node(id: $id) { completeBy } }`, { id });
    s.clock.set(new Date(Date.parse(node.node.completeBy as string) + 1000));
    await s.drain();
    const retrying = await s.ok(
      puller.token,
      `query($id: ID!) { node(id: $id) { serverStatus clientStatus firesAt } }`,
      { id },
    );
    assert.equal(statuses(retrying.node), "RETRYING/ERRORED");
    s.clock.set(new Date(Date.parse(retrying.node.firesAt as string) + 1000));
    await s.drain();
    const c = wsClient(s.url, puller.token);
    const sub = subscribe(c, PULL, {});
    await sub.waitFor(1);
    assert.equal(pulled(sub)[0], id);
    sub.stop();
    await c.dispose();
  });

  it("is refused to operators and to clients whose nodes are pushed", async () => {
    for (const [token, why] of [
      [ADMIN_TOKEN, "operator"],
      [pusher.token, "push client"],
    ] as const) {
      const c = wsClient(s.url, token);
      const sub = subscribe(c, PULL, {});
      await sub.ended;
      assert.equal(sub.errors[0]?.extensions?.code, "BAD_USER_INPUT", why);
      await c.dispose();
    }
    const c = wsClient(s.url, puller.token);
    const bad = subscribe(c, PULL, { c: 0 });
    await bad.ended;
    assert.equal(bad.errors[0]?.extensions?.code, "BAD_USER_INPUT");
    await c.dispose();
  });
});
