// The client deadline (reference §5.4, PRODUCT.md #3): a node sent to its client gets completeBy =
// now + client_data.timeout (else the server default). If it passes while the node is still
// SENT_TO_CLIENT/RECEIVED, the node fails as a client error and is retried with back-off.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DEADLINE_EXPIRED_ERROR, retryDelayMs } from "@backbeat/core";
import { listNodeHistory } from "@backbeat/db";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { newWorkflow, postedNodes, sentSignal, signalWithChildren } from "./support.ts";

const S = 1000;

describe("client deadlines", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it("a node not acknowledged within client_data.timeout is retried with the reference error", async () => {
    const { w, kids } = await signalWithChildren(h, [{ name: "slow", clientData: { timeout: 60 } }]);
    const id = kids[0]!.id;
    await h.drain();
    const sentAt = h.clock.now().getTime();
    assert.equal((await h.node(id)).completeBy?.getTime(), sentAt + 60 * S);
    assert.equal(postedNodes(h, "/activity", w.id)[0]!.completeBy, new Date(sentAt + 60 * S).toISOString());

    h.clock.advance(60 * S - 1);
    await h.drain();
    assert.equal(await h.status(id), "sent_to_client/received");

    h.clock.advance(1 * S + 1);
    await h.drain();
    assert.equal(await h.status(id), "retrying/errored");
    const node = await h.node(id);
    assert.equal(node.retriesRemaining, 5);
    assert.equal(node.completeBy, null);
    assert.equal(node.firesAt.getTime(), h.clock.now().getTime() + retryDelayMs(1200, 5, 0.5));
    const rows = (await listNodeHistory(h.engine.sql, id)).slice(-2);
    assert.deepEqual(
      rows.map((r) => [r.statusType, r.fromStatus, r.toStatus, r.actor]),
      [
        ["client", "received", "errored", "engine"],
        ["server", "sent_to_client", "retrying", "engine"],
      ],
    );
    for (const r of rows) assert.deepEqual(r.response, { error: DEADLINE_EXPIRED_ERROR });
    assert.equal(DEADLINE_EXPIRED_ERROR, "Client did not respond within the specified 'complete_by' time");

    // The retry sends it again with a fresh deadline.
    h.clock.set(node.firesAt);
    await h.drain();
    assert.equal(await h.status(id), "sent_to_client/received");
    assert.equal((await h.node(id)).completeBy?.getTime(), h.clock.now().getTime() + 60 * S);
    assert.equal(postedNodes(h, "/activity", w.id).length, 2);
  });

  it("a deadline long past is still caught, however late the engine looks (PRODUCT.md #3)", async () => {
    const { kids } = await signalWithChildren(h, [{ name: "slow", clientData: { timeout: 5 } }]);
    await h.drain();
    h.clock.advance(6 * 3600 * S);
    await h.drain();
    assert.equal(await h.status(kids[0]!.id), "retrying/errored");
  });

  it("a processing report extends the deadline; a silent processing node times out (unlike the original)", async () => {
    const { kids } = await signalWithChildren(h, [{ name: "worker", clientData: { timeout: 60 } }]);
    const id = kids[0]!.id;
    await h.drain();
    h.clock.advance(30 * S);
    await h.engine.reportNodeStatus(h.caller, id, "processing");
    assert.equal((await h.node(id)).completeBy?.getTime(), h.clock.now().getTime() + 60 * S, "now + timeout");

    h.clock.advance(31 * S); // past the first deadline, not the extended one
    await h.drain();
    assert.equal(await h.status(id), "sent_to_client/processing");

    // A heartbeat while processing keeps it alive past its timeout...
    await h.engine.heartbeatNode(h.caller, id);
    h.clock.advance(59 * S);
    await h.drain();
    assert.equal(await h.status(id), "sent_to_client/processing");

    // ...and silence past the deadline is a client error: the node is retried (a worker that died
    // mid-node does not hold it forever; reference §5.4 never timed processing nodes out).
    h.clock.advance(2 * S);
    await h.drain();
    assert.equal(await h.status(id), "retrying/errored");
    const last = (await listNodeHistory(h.engine.sql, id)).at(-1)!;
    assert.deepEqual(last.response, { error: DEADLINE_EXPIRED_ERROR });
  });

  it("a node that completes while processing is not touched when its old deadline passes", async () => {
    const { kids } = await signalWithChildren(h, [{ name: "worker", clientData: { timeout: 60 } }]);
    const id = kids[0]!.id;
    await h.drain();
    await h.engine.reportNodeStatus(h.caller, id, "processing");
    await h.engine.reportNodeStatus(h.caller, id, "completed");
    assert.equal((await h.node(id)).completeBy, null, "completed clears the deadline");
    h.clock.advance(10 * 60 * S);
    await h.drain();
    assert.equal(await h.status(id), "complete/complete");
  });

  it("a heartbeat extends the deadline of a received node", async () => {
    const { kids } = await signalWithChildren(h, [{ name: "quiet", clientData: { timeout: 60 } }]);
    const id = kids[0]!.id;
    await h.drain();
    h.clock.advance(50 * S);
    await h.engine.heartbeatNode(h.caller, id);
    h.clock.advance(50 * S); // 100 s after sending, 50 s after the heartbeat
    await h.drain();
    assert.equal(await h.status(id), "sent_to_client/received");
    h.clock.advance(10 * S);
    await h.drain();
    assert.equal(await h.status(id), "retrying/errored");
  });

  it("without client_data.timeout the server default (48 h) applies", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    assert.equal((await h.node(s.id)).completeBy?.getTime(), h.clock.now().getTime() + 172_800 * S);
  });

  it("a node that completes before its deadline is not touched when the deadline passes", async () => {
    const { kids } = await signalWithChildren(h, [{ name: "fast", clientData: { timeout: 60 } }]);
    const id = kids[0]!.id;
    await h.drain();
    await h.engine.reportNodeStatus(h.caller, id, "completed");
    h.clock.advance(120 * S);
    await h.drain();
    assert.equal(await h.status(id), "complete/complete");
  });

  it("an expired node with no retries left is exhausted and notified", async () => {
    const { kids } = await signalWithChildren(h, [{ name: "slow", retry: 0, clientData: { timeout: 1 } }]);
    const id = kids[0]!.id;
    await h.drain();
    h.clock.advance(2 * S);
    await h.drain();
    assert.equal(await h.status(id), "retries_exhausted/errored");
    const notes = h.fake.at("/notifications").filter((r) => r.body.activity.id === id);
    assert.equal(notes.length, 1);
    assert.deepEqual(notes[0]!.body.error, { message: DEADLINE_EXPIRED_ERROR });
  });
});
