// Client errors (reference §4.1–§4.3): retried with back-off while retries remain (the node's
// firesAt is the retry time), then RETRIES_EXHAUSTED and a "Client Error" notification. A retry
// deactivates the children the failed attempt registered.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { retryDelayMs } from "@backbeat/core";
import { listNodeHistory } from "@backbeat/db";
import { createHarness, type Harness } from "../src/testing/index.ts";
import {
  audit,
  newWorkflow,
  notificationsFor,
  postedIds,
  postedNodes,
  sentSignal,
  signalWithChildren,
} from "./support.ts";

describe("client errors and retries", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it("an error is retried after the back-off, re-sent as attempt 2, and can then succeed", async () => {
    const { w, s, kids } = await signalWithChildren(h, [{ name: "flaky" }]);
    const id = kids[0]!.id;
    await h.drain();
    assert.equal(await h.status(id), "sent_to_client/received");
    const first = postedNodes(h, "/activity", w.id);
    assert.equal(first.length, 1);
    assert.equal(first[0]!.attempt, 1);
    assert.equal(first[0]!.retriesRemaining, 6);

    const errorResponse = { error: { message: "card declined" } };
    const erroredAt = h.clock.now();
    await h.engine.reportNodeStatus(h.caller, id, "errored", errorResponse);
    const node = await h.node(id);
    assert.equal(`${node.serverStatus}/${node.clientStatus}`, "retrying/errored");
    assert.equal(node.retriesRemaining, 5);
    assert.equal(node.firesAt.getTime(), erroredAt.getTime() + retryDelayMs(1200, 5, 0.5));
    assert.equal(node.firesAt.getTime() - erroredAt.getTime(), 40 * 60_000);
    assert.equal(node.completeBy, null, "no deadline while waiting to retry");
    const rows = (await listNodeHistory(h.engine.sql, id)).slice(-2);
    assert.deepEqual(
      rows.map((r) => [r.statusType, r.fromStatus, r.toStatus, r.response]),
      [
        ["client", "received", "errored", errorResponse],
        ["server", "sent_to_client", "retrying", errorResponse],
      ],
    );

    h.clock.advance(40 * 60_000 - 1);
    await h.drain();
    assert.equal(await h.status(id), "retrying/errored", "not before its time");
    assert.equal(postedNodes(h, "/activity", w.id).length, 1);
    assert.equal(notificationsFor(h, id).length, 0, "a retried error notifies nobody");

    h.clock.advance(1);
    await h.drain();
    assert.equal(await h.status(id), "sent_to_client/received");
    const posts = postedNodes(h, "/activity", w.id);
    assert.equal(posts.length, 2);
    assert.equal(posts[1]!.id, id);
    assert.equal(posts[1]!.attempt, 2);
    assert.equal(posts[1]!.retriesRemaining, 5);
    assert.deepEqual((await audit(h, id)).slice(-5), [
      "client:errored→ready",
      "server:retrying→ready",
      "server:ready→started",
      "server:started→sent_to_client",
      "client:ready→received",
    ]);

    await h.engine.reportNodeStatus(h.caller, id, "completed");
    await h.drain();
    assert.equal(await h.status(id), "complete/complete");
    assert.equal(await h.status(s.id), "complete/complete");
  });

  it("each further error doubles the wait, using the node's own interval", async () => {
    const { w, kids } = await signalWithChildren(h, [{ name: "flaky", retry: 3, retryInterval: 10 }]);
    const id = kids[0]!.id;
    await h.drain();
    // 3 retries: remaining after each error 2, 1, 0 → 10 s × 2^4, 2^5, 2^6.
    for (const [remaining, seconds] of [
      [2, 160],
      [1, 320],
      [0, 640],
    ] as const) {
      const now = h.clock.now().getTime();
      await h.engine.reportNodeStatus(h.caller, id, "errored");
      const node = await h.node(id);
      assert.equal(node.retriesRemaining, remaining);
      assert.equal(node.firesAt.getTime(), now + retryDelayMs(10, remaining, 0.5));
      assert.equal(node.firesAt.getTime(), now + seconds * 1000);
      h.clock.set(node.firesAt);
      await h.drain();
      assert.equal(await h.status(id), "sent_to_client/received");
    }
    await h.engine.reportNodeStatus(h.caller, id, "errored");
    assert.equal(await h.status(id), "retries_exhausted/errored", "the fourth error exhausts three retries");
    assert.equal(postedNodes(h, "/activity", w.id).length, 4);
  });

  it("an errored signal holds back the next signal while it waits to retry", async () => {
    const w = await newWorkflow(h);
    const s1 = await sentSignal(h, w.id, { name: "s1" });
    const s2 = await h.engine.signalWorkflow(h.caller, w.id, { name: "s2" });
    await h.engine.reportNodeStatus(h.caller, s1.id, "errored");
    await h.drain();
    assert.equal(await h.status(s1.id), "retrying/errored");
    assert.equal(await h.status(s2.id), "ready/ready");

    h.clock.set((await h.node(s1.id)).firesAt);
    await h.drain();
    assert.equal(await h.status(s1.id), "sent_to_client/received", "the workflow's pass starts it again");
    assert.equal(await h.status(s2.id), "ready/ready");
    await h.engine.reportNodeStatus(h.caller, s1.id, "completed");
    await h.drain();
    assert.equal(await h.status(s2.id), "sent_to_client/received");
    assert.deepEqual(postedIds(h, w.id), [s1.id, s1.id, s2.id]);
  });

  it("retry: 0 — the first error exhausts the node and notifies the client once", async () => {
    const { w, kids } = await signalWithChildren(h, [{ name: "fragile", retry: 0 }]);
    const id = kids[0]!.id;
    await h.drain();
    const response = {
      jsonrpc: "2.0",
      result: null,
      error: { code: -32000, message: "boom", data: ["line 1"] },
      id: null,
    };
    await h.engine.reportNodeStatus(h.caller, id, "errored", response);
    assert.equal(await h.status(id), "retries_exhausted/errored");
    const node = await h.node(id);
    assert.equal(node.retriesRemaining, 0);
    await h.drain();

    const notes = notificationsFor(h, id);
    assert.equal(notes.length, 1);
    const body = notes[0]!;
    assert.deepEqual(Object.keys(body).sort(), ["activity", "error", "notification"]);
    assert.deepEqual(body.notification, { name: "fragile", message: "Client Error" });
    assert.deepEqual(
      body.error,
      { code: -32000, message: "boom", data: ["line 1"] },
      "the error member of the response",
    );
    assert.equal(body.activity.id, id);
    assert.equal(body.activity.name, "fragile");
    assert.equal(body.activity.workflowId, w.id);
    assert.equal(body.activity.workflowName, w.name);
    assert.equal(body.activity.currentServerStatus, "retries_exhausted");
    assert.equal(body.activity.currentClientStatus, "errored");
    for (const key of ["mode", "parentId", "userId", "clientData", "metadata", "subject", "decider", "createdAt"]) {
      assert.ok(key in body.activity, `the node presenter's ${key}`);
    }
    assert.equal(body.activity.userId, h.caller.clientId);
    assert.equal(body.activity.decider, "PaymentDecider");
    assert.ok(h.fake.at("/notifications").every((r) => r.signatureValid));

    h.clock.advance(24 * 3600_000);
    await h.drain();
    assert.equal(await h.status(id), "retries_exhausted/errored", "never retried by itself");
    assert.equal(postedNodes(h, "/activity", w.id).length, 1);
    assert.equal(notificationsFor(h, id).length, 1, "notified exactly once");
  });

  it("the notification's error is {} when the response had none, and {message} for a string", async () => {
    const { kids } = await signalWithChildren(h, [
      { name: "no-response", retry: 0, mode: "non_blocking" },
      { name: "no-error-member", retry: 0, mode: "non_blocking" },
      { name: "string-error", retry: 0, mode: "non_blocking" },
    ]);
    await h.drain();
    const [a, b, c] = kids.map((k) => k.id) as [string, string, string];
    await h.engine.reportNodeStatus(h.caller, a, "errored");
    await h.engine.reportNodeStatus(h.caller, b, "errored", { result: null, detail: "x" });
    await h.engine.reportNodeStatus(h.caller, c, "errored", { error: "it broke" });
    await h.drain();
    assert.deepEqual(notificationsFor(h, a)[0]!.error, {});
    assert.deepEqual(notificationsFor(h, b)[0]!.error, {});
    assert.deepEqual(notificationsFor(h, c)[0]!.error, { message: "it broke" });
    for (const id of [a, b, c]) assert.equal(notificationsFor(h, id)[0]!.notification.message, "Client Error");
  });

  it("a retry deactivates the children the failed attempt registered", async () => {
    const { s, kids } = await signalWithChildren(h, [{ name: "parent-activity" }]);
    const id = kids[0]!.id;
    await h.drain();
    await h.engine.reportNodeStatus(h.caller, id, "processing");
    const [old1, old2] = await h.engine.addChildren(h.caller, id, [
      { name: "old-1" },
      { name: "old-2", mode: "non_blocking" },
    ]);
    await h.engine.reportNodeStatus(h.caller, id, "errored", { error: { message: "half way" } });
    assert.equal(await h.status(old1!.id), "pending/pending", "untouched until the retry runs");
    assert.equal(await h.status(old2!.id), "pending/pending");

    h.clock.set((await h.node(id)).firesAt);
    await h.drain();
    assert.equal(await h.status(id), "sent_to_client/received");
    assert.equal(await h.status(old1!.id), "deactivated/pending");
    assert.equal(await h.status(old2!.id), "deactivated/pending");
    assert.deepEqual(await audit(h, old1!.id), ["server:pending→deactivated"]);

    // The second attempt registers its own children; only those run.
    const [fresh] = await h.engine.addChildren(h.caller, id, [{ name: "fresh" }]);
    await h.engine.reportNodeStatus(h.caller, id, "completed");
    assert.equal(await h.status(fresh!.id), "ready/ready");
    assert.equal(await h.status(old1!.id), "deactivated/pending", "never readied");
    await h.drain();
    assert.equal(await h.status(fresh!.id), "sent_to_client/received");
    await h.engine.reportNodeStatus(h.caller, fresh!.id, "completed");
    await h.drain();
    assert.equal(await h.status(id), "complete/complete");
    assert.equal(await h.status(s.id), "complete/complete");
  });

  it("a retry deactivates the whole subtree of the failed attempt, however deep", async () => {
    const { kids } = await signalWithChildren(h, [{ name: "top" }]);
    const id = kids[0]!.id;
    await h.drain();
    const [child] = await h.engine.addChildren(h.caller, id, [{ name: "child" }]);
    await h.engine.reportNodeStatus(h.caller, id, "completed");
    await h.drain();
    const [grandchild] = await h.engine.addChildren(h.caller, child!.id, [{ name: "grandchild" }]);
    // The child fails: its own subtree goes with its retry; the top node keeps waiting for it.
    await h.engine.reportNodeStatus(h.caller, child!.id, "errored");
    h.clock.set((await h.node(child!.id)).firesAt);
    await h.drain();
    assert.equal(await h.status(grandchild!.id), "deactivated/pending");
    assert.equal(await h.status(child!.id), "sent_to_client/received");
    assert.equal(await h.status(id), "processing_children/complete");
  });
});
