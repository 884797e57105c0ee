// Two server processes on one database (here: two engines and apps, each with its own pools, feed
// and lock connection, which is what separates processes at the database): a subscriber on one
// sees changes made through the other, and pull workers on both share the nodes without doubles.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CREATE_WORKFLOW, REPORT, SIGNAL, SUBJECT } from "./fragments.ts";
import { startPeer, startServer, waitUntil, type TestClient, type TestServer } from "./support.ts";
import { subscribe, wsClient } from "./ws-support.ts";

describe("two servers on one database", () => {
  let s: TestServer;
  let peer: Awaited<ReturnType<typeof startPeer>>;
  let u: TestClient;
  let puller: TestClient;
  before(async () => {
    s = await startServer();
    peer = await startPeer(s);
    u = await s.newClient("client-u");
    puller = await s.newClient("puller", { push: false });
  });
  after(async () => {
    await peer.close();
    await s.close();
  });

  it("nodeEvents on one server streams the changes made through the other", async () => {
    const w = (await s.ok(u.token, CREATE_WORKFLOW, { input: { name: "cross", subject: SUBJECT } })).createWorkflow.id;
    const client = wsClient(peer.url, u.token);
    const sub = subscribe(
      client,
      `subscription($w: ID) { nodeEvents(workflowId: $w) { statusChange { id toStatus } } }`,
      { w },
    );
    await waitUntil(() => peer.app.feed.subscriberCount === 1);
    const sig = (await s.ok(u.token, SIGNAL, { id: w, input: { name: "sig" } })).signalWorkflow.id;
    await s.drain();
    await s.ok(u.token, REPORT, { id: sig, status: "PROCESSING" });
    await sub.waitFor(4);
    assert.deepEqual(
      sub.events.map((e) => e.nodeEvents.statusChange.toStatus),
      ["started", "sent_to_client", "received", "processing"],
    );
    sub.stop();
    await client.dispose();
  });

  it("pull workers on both servers share the nodes; a dead one's nodes move to the other server", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const w = (await s.ok(puller.token, CREATE_WORKFLOW, { input: { name: `pull-${i}`, subject: i } })).createWorkflow
        .id;
      ids.push((await s.ok(puller.token, SIGNAL, { id: w, input: { name: `n${i}` } })).signalWorkflow.id);
    }
    await s.drain();
    const PULL = `subscription { nodesToRun(concurrency: 2) { id } }`;
    const ca = wsClient(s.url, puller.token);
    const cb = wsClient(peer.url, puller.token);
    const a = subscribe(ca, PULL);
    const b = subscribe(cb, PULL);
    await a.waitFor(2);
    await b.waitFor(2);
    const onA = a.events.map((e) => e.nodesToRun.id as string);
    const onB = b.events.map((e) => e.nodesToRun.id as string);
    assert.deepEqual([...onA, ...onB].sort(), [...ids].sort(), "each node once, across servers");

    for (const id of onB) await s.ok(puller.token, REPORT, { id, status: "COMPLETED" });
    ca.terminate(); // the worker on server A dies holding two nodes
    await b.waitFor(4);
    assert.deepEqual(
      b.events
        .slice(2)
        .map((e) => e.nodesToRun.id as string)
        .sort(),
      [...onA].sort(),
    );
    b.stop();
    await cb.dispose();
  });
});
