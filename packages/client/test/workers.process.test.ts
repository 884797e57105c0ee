// The SDK in real processes: a Backbeat server process (real clock, its own scheduler) and worker
// processes (test/fixtures/sdk-worker.ts) that push or pull. Covers children of every mode, the
// concurrency limit, a worker killed mid-node (pull: handed over; push: its deadline passes and the
// node is sent again), and a server restarted under a running worker.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, freePort, type TestDatabase } from "@backbeat/db/testing";
import { BackbeatClient, type Node } from "../src/index.ts";
import {
  events,
  registerClient,
  startProcess,
  startServerProcess,
  waitFor,
  type Proc,
  type ServerProc,
} from "./process-support.ts";

const WORKER = path.join(import.meta.dirname, "fixtures/sdk-worker.ts");
/** The engine's error for a node whose client went silent past its deadline (the reference's message). */
const DEADLINE_EXPIRED = "Client did not respond within the specified 'complete_by' time";

type WorkerEvent = {
  event: "ready" | "start" | "end" | "error" | "stopped" | "connected" | "disconnected";
  worker: string;
  t: number;
  node?: string;
  name?: string;
  active?: number;
  attempt?: number;
  message?: string;
};

describe("@backbeat/client in real processes", () => {
  let db: TestDatabase;
  let server: ServerProc;
  const procs: Proc[] = [];

  before(async () => {
    db = await createTestDatabase();
    server = await startServerProcess(db.url);
  });
  after(async () => {
    for (const p of procs) await p.kill();
    await server?.kill();
    await db?.drop();
  });

  async function startWorker(name: string, env: Record<string, string>): Promise<Proc> {
    const proc = startProcess(name, [WORKER], { BACKBEAT_URL: server.url, WORKER_NAME: name, ...env });
    procs.push(proc);
    await waitFor(`${name} ready`, () => events<WorkerEvent>(proc).some((e) => e.event === "ready"));
    return proc;
  }

  async function pullWorker(name: string, token: string, env: Record<string, string> = {}) {
    return startWorker(name, { WORKER_MODE: "pull", BACKBEAT_TOKEN: token, ...env });
  }

  /** Every node of the workflow complete (fire-and-forget ones included). */
  async function completed(client: BackbeatClient, workflowId: string, count: number): Promise<Node[]> {
    let nodes: Node[] = [];
    await waitFor(`workflow ${workflowId} complete`, async () => {
      nodes = (await client.workflow(workflowId)).nodes;
      return nodes.length === count && nodes.every((n) => n.serverStatus === "COMPLETE");
    });
    return nodes;
  }

  /** The "order" workflow: one child of every mode, a retried one and a timed one. */
  async function runOrder(client: BackbeatClient, order: number) {
    const signal = await client.signal("order", { order }, "order");
    const nodes = await completed(client, signal.workflowId, 5);
    const byName = new Map(nodes.map((n) => [n.name, n]));
    assert.deepEqual(
      nodes.map((n) => `${n.name} ${n.mode}`),
      ["order BLOCKING", "reserve BLOCKING", "email NON_BLOCKING", "stats FIRE_AND_FORGET", "ship BLOCKING"],
    );
    const reserve = await client.node(byName.get("reserve")!.id);
    assert.equal(reserve.attempt, 2, "the first attempt failed and the server retried it");
    assert.ok(reserve.statusChanges.some((c) => c.toStatus === "errored" && c.statusType === "CLIENT"));
    assert.deepEqual((reserve.response as { result: { reserved: boolean } }).result.reserved, true);
    const ship = await client.node(byName.get("ship")!.id);
    const sent = ship.statusChanges.find((c) => c.statusType === "CLIENT" && c.toStatus === "received")!;
    assert.ok(Date.parse(sent.createdAt) >= Date.parse(ship.firesAt), "the timed child started at its firesAt");
    assert.deepEqual(byName.get("ship")!.response, { result: { shipped: true } });
    assert.deepEqual(byName.get("stats")!.response, { result: { counted: true } });
    return byName;
  }

  it("push worker: runs a workflow with blocking, non-blocking, fire-and-forget, timed and retried children", async () => {
    const port = await freePort();
    const credentials = await registerClient(server.url, "push-shop", `http://127.0.0.1:${port}/backbeat`);
    const worker = await startWorker("push-1", {
      WORKER_MODE: "push",
      BACKBEAT_TOKEN: credentials.token,
      SIGNING_SECRET: credentials.signingSecret,
      PORT: String(port),
    });
    const byName = await runOrder(new BackbeatClient({ url: server.url, token: credentials.token }), 1);
    assert.deepEqual(byName.get("order")!.response, { result: { by: "push-1" } });
    await worker.stop();
    assert.ok(
      events<WorkerEvent>(worker).some((e) => e.event === "stopped"),
      "close() finished",
    );
  });

  it("pull worker: runs the same workflow", async () => {
    const { token } = await registerClient(server.url, "pull-shop");
    const worker = await pullWorker("pull-1", token);
    const byName = await runOrder(new BackbeatClient({ url: server.url, token }), 2);
    assert.deepEqual(byName.get("order")!.response, { result: { by: "pull-1" } });
    await worker.stop();
  });

  it("never runs more than `concurrency` handlers at once", async () => {
    const { token } = await registerClient(server.url, "pull-fan");
    const worker = await pullWorker("pull-fan", token, { CONCURRENCY: "3" });
    const client = new BackbeatClient({ url: server.url, token });
    const signal = await client.signal("fan", { n: 9 }, "fan", { clientData: { n: 9, ms: 300 } });
    await completed(client, signal.workflowId, 10);
    const slow = events<WorkerEvent>(worker).filter(
      (e) => e.name === "slow" && (e.event === "start" || e.event === "end"),
    );
    // Measured from the handlers' own start/end lines, in the order they were printed.
    let active = 0;
    let most = 0;
    for (const e of slow) most = Math.max(most, (active += e.event === "start" ? 1 : -1));
    assert.equal(slow.filter((e) => e.event === "start").length, 9);
    assert.equal(most, 3, "three at once (nine were ready), never more");
    await worker.stop();
  });

  it("a worker killed (SIGKILL) mid-node: the node runs again on another worker and completes", async () => {
    const { token } = await registerClient(server.url, "pull-crash");
    const doomed = await pullWorker("doomed", token, { HANG_ON: "slow" });
    const client = new BackbeatClient({ url: server.url, token });
    const signal = await client.signal("slow", { n: 1 }, "slow", { clientData: { ms: 50 } });
    await waitFor("the doomed worker to start it", () =>
      events<WorkerEvent>(doomed).some((e) => e.event === "start" && e.node === signal.id),
    );
    assert.equal((await client.node(signal.id)).clientStatus, "PROCESSING");
    await doomed.kill();
    const rescuer = await pullWorker("rescuer", token);
    await completed(client, signal.workflowId, 1);
    assert.deepEqual((await client.node(signal.id)).response, { result: { by: "rescuer" } });
    assert.ok(events<WorkerEvent>(rescuer).some((e) => e.event === "end" && e.node === signal.id));
    await rescuer.stop();
  });

  it("a push worker killed (SIGKILL) after PROCESSING: the node times out and is sent again to the next worker", async () => {
    const port = await freePort();
    const credentials = await registerClient(server.url, "push-crash", `http://127.0.0.1:${port}/backbeat`);
    const push = { WORKER_MODE: "push", BACKBEAT_TOKEN: credentials.token, SIGNING_SECRET: credentials.signingSecret };
    const doomed = await startWorker("push-doomed", { ...push, PORT: String(port), HANG_ON: "slow" });
    const client = new BackbeatClient({ url: server.url, token: credentials.token });
    // A 2 s deadline; the first retry waits 1 s × 2^(6 − 5) (± 20 %), time for the next worker to start.
    const signal = await client.signal("slow", { n: 1 }, "slow", {
      clientData: { ms: 50, timeout: 2 },
      retry: 6,
      retryInterval: 1,
    });
    await waitFor("the doomed worker to start it", () =>
      events<WorkerEvent>(doomed).some((e) => e.event === "start" && e.node === signal.id),
    );
    assert.equal((await client.node(signal.id)).clientStatus, "PROCESSING", "reported before the handler ran");
    await doomed.kill();

    // The same endpoint, served by a new process.
    const rescuer = await startWorker("push-rescuer", { ...push, PORT: String(port) });
    await completed(client, signal.workflowId, 1);
    const node = await client.node(signal.id);
    assert.deepEqual(node.response, { result: { by: "push-rescuer" } });
    // Sent again: twice, or more if a retry came before the new process listened (a refused POST is
    // a delivery failure, retried too; on a loaded machine the process can take seconds to start).
    assert.ok(node.attempt >= 2, `sent again (attempt ${node.attempt})`);
    assert.ok(events<WorkerEvent>(rescuer).some((e) => e.event === "end" && e.node === signal.id));

    // The audit log: the deadline passed while PROCESSING (a client error, retried), then the completion.
    const log = node.statusChanges.map((c) => ({ ...c, at: Date.parse(c.createdAt) }));
    const processing = log.find((c) => c.statusType === "CLIENT" && c.toStatus === "processing")!;
    const timedOut = log.findIndex(
      (c) =>
        c.statusType === "CLIENT" &&
        c.fromStatus === "processing" &&
        c.toStatus === "errored" &&
        c.actor === "engine" &&
        JSON.stringify(c.response) === JSON.stringify({ error: DEADLINE_EXPIRED }),
    );
    assert.ok(timedOut >= 0, `the deadline error is in the audit log: ${JSON.stringify(node.statusChanges)}`);
    assert.deepEqual(
      [log[timedOut + 1]!.statusType, log[timedOut + 1]!.toStatus],
      ["SERVER", "retrying"],
      "a client error with retries left: retrying",
    );
    assert.ok(log[timedOut]!.at - processing.at >= 2000, "not before the 2 s deadline");
    const completion = log.findIndex((c) => c.statusType === "CLIENT" && c.toStatus === "complete");
    assert.ok(completion > timedOut, "completed after the time-out");
    assert.deepEqual(log[completion]!.response, { result: { by: "push-rescuer" } });
    await rescuer.stop();
  });

  it("the server restarted under a running worker: the worker reconnects and the workflows complete", async () => {
    const { token } = await registerClient(server.url, "pull-restart");
    const worker = await pullWorker("survivor", token, { CONCURRENCY: "2" });
    const client = new BackbeatClient({ url: server.url, token });
    const signals = [];
    for (let i = 0; i < 3; i++)
      signals.push(await client.signal("fan", { i }, "fan", { clientData: { n: 4, ms: 400 } }));
    await waitFor("work under way", () => events<WorkerEvent>(worker).filter((e) => e.name === "slow").length >= 2);

    await server.stop();
    const downAt = Date.now();
    server = await startServerProcess(db.url, server.port);

    for (const s of signals) await completed(client, s.workflowId, 5);
    assert.equal(worker.child.exitCode, null, "the same worker process did it");
    const seen = events<WorkerEvent>(worker);
    const lost = seen.findIndex((e) => e.event === "disconnected");
    assert.ok(lost >= 0, "the worker saw the server go away");
    assert.ok(
      seen.slice(lost).some((e) => e.event === "connected"),
      "and connected again",
    );
    assert.ok(
      seen.some((e) => e.event === "start" && e.t > downAt),
      "it took nodes from the restarted server",
    );
    await worker.stop();
  });
});
