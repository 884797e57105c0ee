// Node.whyNotRunning: every blocker code reached by a real scenario on a real server (manual
// clock, drained scheduler), with the sentences an operator reads and the nodes they point at.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ADD_CHILDREN, CREATE_WORKFLOW, REPORT, SIGNAL } from "./fragments.ts";
import { ADMIN_TOKEN, errorOf, startServer, type Json, type TestClient, type TestServer } from "./support.ts";
import { subscribe, wsClient } from "./ws-support.ts";

const WHY = `query($id: ID!) { node(id: $id) { serverStatus clientStatus whyNotRunning { code message until nodeIds } } }`;

describe("Node.whyNotRunning", () => {
  let s: TestServer;
  let shop: TestClient;
  let puller: TestClient;
  let n = 0;
  before(async () => {
    s = await startServer();
    shop = await s.newClient("camera-shop");
    puller = await s.newClient("pull-shop", { push: false });
  });
  after(() => s.close());

  const why = async (id: string): Promise<Json[]> => (await s.ok(ADMIN_TOKEN, WHY, { id })).node.whyNotRunning;
  const codes = async (id: string) => (await why(id)).map((b) => b.code as string);
  const workflow = async (c: TestClient = shop) =>
    (await s.ok(c.token, CREATE_WORKFLOW, { input: { name: "why", subject: { n: ++n } } })).createWorkflow.id as string;
  const signal = async (w: string, input: Json, c: TestClient = shop) =>
    (await s.ok(c.token, SIGNAL, { id: w, input })).signalWorkflow.id as string;
  const stamp = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

  it("WAITING_CLIENT while the client has it, with the deadline; nothing once complete", async () => {
    const w = await workflow();
    const id = await signal(w, { name: "Take Photo", clientData: { timeout: 3600 } });
    await s.drain();
    const [b] = await why(id);
    const deadline = new Date(s.clock.now().getTime() + 3_600_000);
    assert.equal(b!.code, "WAITING_CLIENT");
    assert.equal(b!.until, deadline.toISOString());
    assert.equal(
      b!.message,
      `Sent to client "camera-shop", which has not acknowledged it yet; if it does not report by ${stamp(deadline)} (in 1 h), the attempt fails and is retried.`,
    );
    await s.ok(shop.token, REPORT, { id, status: "PROCESSING" });
    // A PROCESSING node times out too (commit 8acabef): a silent worker loses it to a retry.
    assert.equal(
      (await why(id))[0]!.message,
      `Client "camera-shop" is working on it (PROCESSING); if it neither reports nor sends a heartbeat by ${stamp(deadline)} (in 1 h), the attempt fails and is retried.`,
    );
    await s.ok(shop.token, REPORT, { id, status: "COMPLETED" });
    await s.drain();
    assert.deepEqual(await why(id), []);
  });

  it("BLOCKING_SIBLING: a later signal waits for the running one, named", async () => {
    const w = await workflow();
    const first = await signal(w, { name: "Make Purchase" });
    const second = await signal(w, { name: "Ship" });
    await s.drain();
    const [b] = await why(second);
    assert.deepEqual(b, {
      code: "BLOCKING_SIBLING",
      message: 'Waiting for blocking sibling "Make Purchase" to complete (it is sent_to_client/received).',
      until: null,
      nodeIds: [first],
    });
  });

  it("TIMER: a node whose firesAt is ahead", async () => {
    const w = await workflow();
    const at = new Date(s.clock.now().getTime() + 4 * 60_000);
    const id = await signal(w, { name: "later", firesAt: at.toISOString() });
    await s.drain();
    const [b] = await why(id);
    assert.equal(b!.code, "TIMER");
    assert.equal(b!.until, at.toISOString());
    assert.equal(b!.message, `Timer: it starts at ${stamp(at)} (in 4 min).`);
  });

  it("WORKFLOW_PAUSED: a node parked by a paused workflow; WORKFLOW_COMPLETE once the workflow is completed", async () => {
    const w = await workflow();
    await s.ok(ADMIN_TOKEN, `mutation($w: ID!) { pauseWorkflow(id: $w) { id } }`, { w });
    const id = await signal(w, { name: "parked" });
    await s.drain();
    const paused = await s.ok(ADMIN_TOKEN, WHY, { id });
    assert.equal(paused.node.serverStatus, "PAUSED");
    assert.deepEqual(await codes(id), ["WORKFLOW_PAUSED"]);
    await s.ok(ADMIN_TOKEN, `mutation($w: ID!) { completeWorkflow(id: $w) { id } }`, { w });
    assert.deepEqual(await codes(id), ["WORKFLOW_COMPLETE", "WORKFLOW_PAUSED"]);
    assert.match((await why(id))[0]!.message, /takes no new signals/);
  });

  it("RETRY_AT after a client error with retries left; ERRORED once they are used up", async () => {
    const w = await workflow();
    const id = await signal(w, { name: "flaky", retry: 1, retryInterval: 60 });
    await s.drain();
    await s.ok(shop.token, REPORT, { id, status: "ERRORED", response: { error: "boom" } });
    const node = await s.ok(ADMIN_TOKEN, `query($id: ID!) { node(id: $id) { firesAt } }`, { id });
    const [retry] = await why(id);
    assert.equal(retry!.code, "RETRY_AT");
    assert.equal(retry!.until, node.node.firesAt);
    assert.match(
      retry!.message,
      /^Retry 1 of 1 at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(in \d+ [a-z0-9 ]+\)\. Last error: boom\.$/,
    );

    s.clock.set(node.node.firesAt);
    await s.drain();
    const stackHead = { name: "FulfillmentCenterDownError", message: "no answer (HTTP 503)", stack: "at x\n  at y" };
    await s.ok(shop.token, REPORT, { id, status: "ERRORED", response: { error: stackHead } });
    const [errored] = await why(id);
    assert.equal(errored!.code, "ERRORED");
    assert.equal(
      errored!.message,
      "The client reported an error (FulfillmentCenterDownError: no answer (HTTP 503)) and every retry is used up; restart it, or report it RESOLVED or SHUTDOWN.",
    );
  });

  it("WAITING_CHILDREN names the blocking children; a pending child waits for its parent's client (WAITING_CLIENT)", async () => {
    const w = await workflow();
    const parent = await signal(w, { name: "Order" });
    await s.drain();
    const kids = (
      await s.ok(shop.token, ADD_CHILDREN, {
        id: parent,
        children: [
          { name: "Charge Card" },
          { name: "Email", mode: "NON_BLOCKING" },
          { name: "Log", mode: "FIRE_AND_FORGET" },
        ],
      })
    ).addChildren.map((c: Json) => c.id as string);
    const [pendingWhy] = await why(kids[0]);
    assert.equal(pendingWhy!.code, "WAITING_CLIENT");
    assert.deepEqual(pendingWhy!.nodeIds, [parent]);
    assert.match(pendingWhy!.message, /^Waiting for the client to finish its parent "Order"/);

    await s.ok(shop.token, REPORT, { id: parent, status: "COMPLETED" });
    await s.drain();
    const [b] = await why(parent);
    assert.equal(b!.code, "WAITING_CHILDREN");
    assert.deepEqual(b!.nodeIds, [kids[0]]);
    assert.equal(
      b!.message,
      'Waiting for 2 of 2 children to complete; first blocking one: "Charge Card" (sent_to_client/received).',
    );
  });

  it("WAITING_LINK: a node waits for a node in another workflow that links to it", async () => {
    const w1 = await workflow();
    const target = await signal(w1, { name: "Settle" });
    const w2 = await workflow();
    const linker = await signal(w2, { name: "Refund", parentLinkId: target });
    await s.drain();
    await s.ok(shop.token, REPORT, { id: target, status: "COMPLETED" });
    await s.drain();
    const [b] = await why(target);
    assert.deepEqual(b, {
      code: "WAITING_LINK",
      message: 'Waiting for 1 linked node in other workflows to complete: "Refund" (sent_to_client/received).',
      until: null,
      nodeIds: [linker],
    });
  });

  it("NO_WORKER for a pull client with nobody subscribed; gone while a worker is connected", async () => {
    const w = await workflow(puller);
    const id = await signal(w, { name: "pull me" }, puller);
    await s.drain();
    const blockers = await why(id);
    assert.deepEqual(
      blockers.map((b) => b.code),
      ["NO_WORKER", "WAITING_CLIENT"],
    );
    assert.equal(
      blockers[0]!.message,
      'No pull worker is connected for client "pull-shop"; the node will run when one connects.',
    );
    const ws = wsClient(s.url, puller.token);
    const sub = subscribe(ws, `subscription { nodesToRun { id } }`);
    await sub.waitFor(1);
    assert.deepEqual(await codes(id), ["WAITING_CLIENT"]);
    sub.stop();
    await ws.dispose();
  });

  it("is for operators only: a client token is FORBIDDEN", async () => {
    const w = await workflow();
    const id = await signal(w, { name: "mine" });
    assert.equal(errorOf(await s.gql(shop.token, WHY, { id })).code, "FORBIDDEN");
  });
});
