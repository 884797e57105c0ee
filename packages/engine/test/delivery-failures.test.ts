// Failures while sending a node to its client (reference §4.4, PRODUCT.md #8): a non-2xx answer is a
// client error at once; a network failure (refused, reset, timeout) is checked again after
// connectionErrorWaitMs and only then fails the node, unless the client reported meanwhile.
// Clients may also run the node inside the POST and report back before answering.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { listNodeHistory } from "@backbeat/db";
import { freePort } from "@backbeat/db/testing";
import type { Caller } from "../src/caller.ts";
import { createHarness, FakeClient, type Harness } from "../src/testing/index.ts";
import { audit, newWorkflow, notificationsFor, postedIds, postedNodes, signalWithChildren } from "./support.ts";

const WAIT_MS = 1000;

describe("delivery failures", () => {
  let h: Harness;
  let gone: FakeClient;
  let goneCaller: Caller & { kind: "client" };
  let closedCaller: Caller & { kind: "client" };
  before(async () => {
    h = await createHarness({ config: { connectionErrorWaitMs: WAIT_MS, httpTimeoutMs: 2000 } });
    // A client application that has gone away (its server stopped)...
    gone = await new FakeClient().start();
    const goneClient = await h.engine.createClient({ name: "gone", activityEndpoint: `${gone.baseUrl}/activity` });
    goneCaller = { kind: "client", clientId: goneClient.client.id };
    await gone.stop();
    // ...and one whose endpoint was never listening.
    const port = await freePort();
    const closedClient = await h.engine.createClient({
      name: "closed",
      activityEndpoint: `http://127.0.0.1:${port}/activity`,
    });
    closedCaller = { kind: "client", clientId: closedClient.client.id };
    // Both run the harness client's work (delegation is explicit).
    for (const c of [goneCaller, closedCaller]) await h.engine.setClientDelegation(c.clientId, [h.caller.clientId]);
  });
  after(async () => {
    h.fake.respond = () => 200;
    await h.close();
  });

  async function childFor(clientId: string, extra: Record<string, unknown> = {}) {
    const { w, s, kids } = await signalWithChildren(h, [{ name: "remote", clientId, ...extra }]);
    return { w, s, id: kids[0]!.id };
  }

  it("a stopped client: the node waits connectionErrorWaitMs, then fails as a client error and is retried", async () => {
    const { id } = await childFor(goneCaller.clientId);
    await h.drain();
    assert.equal(
      await h.status(id),
      "sent_to_client/received",
      "not failed at once: the client may have done the work",
    );

    h.clock.advance(WAIT_MS - 1);
    await h.drain();
    assert.equal(await h.status(id), "sent_to_client/received");

    h.clock.advance(1);
    await h.drain();
    assert.equal(await h.status(id), "retrying/errored");
    const node = await h.node(id);
    assert.equal(node.retriesRemaining, 5);
    const row = (await listNodeHistory(h.engine.sql, id)).at(-1)!;
    assert.deepEqual([row.statusType, row.fromStatus, row.toStatus], ["server", "sent_to_client", "retrying"]);
    const message = (row.response as { error: { message: string } }).error.message;
    assert.match(message, /^HTTP request for activity failed/);
    assert.match(message, /ECONNREFUSED/);
  });

  it("a closed port behaves the same, and the retry tries again", async () => {
    const { id } = await childFor(closedCaller.clientId);
    await h.drain();
    h.clock.advance(WAIT_MS);
    await h.drain();
    assert.equal(await h.status(id), "retrying/errored");

    h.clock.set((await h.node(id)).firesAt);
    await h.drain();
    assert.equal(await h.status(id), "sent_to_client/received", "re-sent (and failing again)");
    assert.equal((await h.node(id)).attempt, 2);
    h.clock.advance(WAIT_MS);
    await h.drain();
    assert.equal(await h.status(id), "retrying/errored");
    assert.equal((await h.node(id)).retriesRemaining, 4);
  });

  it("a network failure is not an error if the client reported during the wait", async () => {
    const { s, id } = await childFor(goneCaller.clientId);
    await h.drain();
    await h.engine.reportNodeStatus(goneCaller, id, "processing");
    await h.engine.reportNodeStatus(goneCaller, id, "completed");
    h.clock.advance(WAIT_MS);
    await h.drain();
    assert.equal(await h.status(id), "complete/complete");
    assert.equal(await h.status(s.id), "complete/complete");
    assert.ok(!(await audit(h, id)).some((r) => r.endsWith("→errored")));
  });

  it("a timed-out POST (httpTimeoutMs) is a network failure", async () => {
    const w = await newWorkflow(h);
    let release = () => {};
    const hanging = new Promise<void>((resolve) => (release = resolve));
    h.fake.respond = async (req) => {
      if (req.body.decision?.workflowId === w.id) await hanging;
      return 200;
    };
    try {
      const s = await h.engine.signalWorkflow(h.caller, w.id, { name: "slow-client" });
      await h.drain(); // returns once the POST has timed out
      assert.equal(await h.status(s.id), "sent_to_client/received");
      h.clock.advance(WAIT_MS);
      await h.drain();
      assert.equal(await h.status(s.id), "retrying/errored");
      const row = (await listNodeHistory(h.engine.sql, s.id)).at(-1)!;
      assert.match((row.response as { error: { message: string } }).error.message, /^HTTP request for decision failed/);
    } finally {
      h.fake.respond = () => 200;
      release();
    }
  });

  it("an HTTP 500 answer is a client error at once", async () => {
    const { w, kids } = await signalWithChildren(h, [{ name: "rejected" }]);
    const id = kids[0]!.id;
    h.fake.respond = (req) => (req.body.activity?.id === id ? 500 : 200);
    try {
      await h.drain();
    } finally {
      h.fake.respond = () => 200;
    }
    assert.equal(await h.status(id), "retrying/errored");
    assert.equal(postedNodes(h, "/activity", w.id).length, 1);
    const rows = (await listNodeHistory(h.engine.sql, id)).slice(-2);
    assert.deepEqual(
      rows.map((r) => [r.statusType, r.fromStatus, r.toStatus]),
      [
        ["client", "received", "errored"],
        ["server", "sent_to_client", "retrying"],
      ],
    );
    for (const r of rows)
      assert.deepEqual(r.response, { error: { message: "HTTP request for activity failed", status: 500 } });

    // The retry sends it again; this time the client accepts.
    h.clock.set((await h.node(id)).firesAt);
    await h.drain();
    assert.equal(await h.status(id), "sent_to_client/received");
    assert.deepEqual(postedIds(h, w.id).filter((x) => x === id).length, 2);
  });

  it("an HTTP error on a signal names the decision, and with no retries left notifies the client", async () => {
    const w = await newWorkflow(h);
    h.fake.respond = (req) => (req.body.decision?.workflowId === w.id ? 503 : 200);
    let s;
    try {
      s = await h.engine.signalWorkflow(h.caller, w.id, { name: "no-retry", retry: 0 });
      await h.drain();
    } finally {
      h.fake.respond = () => 200;
    }
    assert.equal(await h.status(s.id), "retries_exhausted/errored");
    const notes = notificationsFor(h, s.id);
    assert.equal(notes.length, 1);
    assert.deepEqual(notes[0]!.notification, { name: "no-retry", message: "Client Error" });
    assert.deepEqual(notes[0]!.error, { message: "HTTP request for decision failed", status: 503 });
  });

  it("a client may run the node inside the POST: report processing, add children, complete, then answer", async () => {
    const w = await newWorkflow(h);
    const childIds: string[] = [];
    h.fake.respond = async (req) => {
      const node = req.body.decision ?? req.body.activity;
      if (node?.workflowId !== w.id) return 200;
      await h.engine.reportNodeStatus(h.caller, node.id, "processing");
      if (node.name === "in-post") {
        const kids = await h.engine.addChildren(h.caller, node.id, [
          { name: "child-1" },
          { name: "child-2", mode: "non_blocking" },
        ]);
        childIds.push(...kids.map((k) => k.id));
      }
      await h.engine.reportNodeStatus(h.caller, node.id, "completed", { result: node.name });
      return 200;
    };
    try {
      const s = await h.engine.signalWorkflow(h.caller, w.id, { name: "in-post" });
      await h.drain();
      assert.equal(await h.status(s.id), "complete/complete");
      for (const id of childIds) assert.equal(await h.status(id), "complete/complete");
      assert.deepEqual(postedIds(h, w.id).slice(0, 1), [s.id]);
      assert.deepEqual(postedIds(h, w.id).slice(1).sort(), [...childIds].sort());
      assert.deepEqual(await audit(h, s.id), [
        "server:ready→started",
        "server:started→sent_to_client",
        "client:ready→received",
        "client:received→processing",
        "client:processing→complete",
        "server:sent_to_client→processing_children",
        "server:processing_children→complete",
      ]);
    } finally {
      h.fake.respond = () => 200;
    }
  });

  it("a client that completes inside the POST and then answers 500 is not failed", async () => {
    const { w, s, kids } = await signalWithChildren(h, [{ name: "done-then-500" }]);
    const id = kids[0]!.id;
    h.fake.respond = async (req) => {
      if (req.body.activity?.id !== id) return 200;
      await h.engine.reportNodeStatus(h.caller, id, "completed");
      return 500;
    };
    try {
      await h.drain();
    } finally {
      h.fake.respond = () => 200;
    }
    assert.equal(await h.status(id), "complete/complete");
    assert.equal(await h.status(s.id), "complete/complete");
    assert.equal(postedNodes(h, "/activity", w.id).length, 1);
  });
});
