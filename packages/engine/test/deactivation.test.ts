// What each manual operation deactivates (reference §3.10, §4.6): reset, canceled, deactivated,
// shutdown, resolve, and restart.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { listNodeHistory } from "@backbeat/db";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { audit, newWorkflow, notificationsFor, postedIds, rejectsWith, sentSignal, snapshot, tree } from "./support.ts";

describe("deactivation flavours", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  /** A workflow with a sent signal S that has a sent child A (itself with a pending grandchild G). */
  async function twoLevels() {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id, { name: "S" });
    const [a, b] = await h.engine.addChildren(h.caller, s.id, [
      { name: "A", mode: "non_blocking" },
      { name: "B", mode: "non_blocking" },
    ]);
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await h.drain();
    const [g] = await h.engine.addChildren(h.caller, a!.id, [{ name: "G" }]);
    return { w, s, a: a!, b: b!, g: g! };
  }

  /** A signal that exhausted its retries, with a later queued signal. */
  async function exhaustedSignal() {
    const w = await newWorkflow(h);
    const s1 = await sentSignal(h, w.id, { name: "S1", retry: 0 });
    const s2 = await h.engine.signalWorkflow(h.caller, w.id, { name: "S2" });
    const s3 = await h.engine.signalWorkflow(h.caller, w.id, { name: "S3" });
    await h.engine.reportNodeStatus(h.caller, s1.id, "errored", { error: { message: "no" } });
    await h.drain();
    assert.equal(await h.status(s1.id), "retries_exhausted/errored");
    assert.equal(await h.status(s2.id), "ready/ready", "held back by the failed signal");
    assert.equal(notificationsFor(h, s1.id).length, 1);
    return { w, s1, s2, s3 };
  }

  it("reset: every descendant is deactivated, the node itself is unchanged, nothing is scheduled", async () => {
    const { s, a, b, g } = await twoLevels();
    const sAudit = await audit(h, s.id);
    const result = await h.engine.resetNode(h.operator, s.id);
    assert.equal(result.id, s.id);
    assert.equal(await h.status(s.id), "processing_children/complete");
    assert.equal(await h.status(a.id), "deactivated/received");
    assert.equal(await h.status(b.id), "deactivated/received");
    assert.equal(await h.status(g.id), "deactivated/pending");
    assert.deepEqual(await audit(h, s.id), sAudit, "no audit row for the node itself");
    const row = (await listNodeHistory(h.engine.sql, a.id)).at(-1)!;
    assert.deepEqual(
      [row.statusType, row.fromStatus, row.toStatus, row.actor],
      ["server", "sent_to_client", "deactivated", "operator:test-operator"],
    );

    await h.drain();
    assert.equal(await h.status(s.id), "processing_children/complete", "reset schedules nothing");
    // A report from the client about a reset child is ignored.
    await h.engine.reportNodeStatus(h.caller, a.id, "completed");
    assert.equal(await h.status(a.id), "deactivated/received");
    // Re-scheduling the node (reference §4.6) lets it complete: nothing active is left.
    await h.engine.scheduleNode(h.operator, s.id);
    await h.drain();
    assert.equal(await h.status(s.id), "complete/complete");
  });

  it("canceled: the node and its subtree are deactivated, and the parent's pass goes on", async () => {
    const { s, a, b, g } = await twoLevels();
    await h.engine.reportNodeStatus(h.caller, b.id, "completed");
    await h.drain();
    assert.equal(await h.status(s.id), "processing_children/complete", "waiting for A");

    await h.engine.reportNodeStatus(h.caller, a.id, "canceled");
    assert.equal(await h.status(a.id), "deactivated/received");
    assert.equal(await h.status(g.id), "deactivated/pending");
    await h.drain();
    assert.equal(await h.status(s.id), "complete/complete", "the parent no longer waits for A");
  });

  it("canceled signal: the next queued signal starts", async () => {
    const w = await newWorkflow(h);
    const s1 = await sentSignal(h, w.id, { name: "S1" });
    const [child] = await h.engine.addChildren(h.caller, s1.id, [{ name: "c" }]);
    const s2 = await h.engine.signalWorkflow(h.caller, w.id, { name: "S2" });
    await h.drain();
    assert.equal(await h.status(s2.id), "ready/ready");

    const returned = await h.engine.reportNodeStatus(h.caller, s1.id, "canceled", { reason: "user gave up" });
    assert.equal(returned.serverStatus, "deactivated");
    assert.equal(await h.status(child!.id), "deactivated/pending");
    const row = (await listNodeHistory(h.engine.sql, s1.id)).at(-1)!;
    assert.deepEqual(row.response, { reason: "user gave up" });
    await h.drain();
    assert.equal(await h.status(s2.id), "sent_to_client/received");
    assert.deepEqual(postedIds(h, w.id), [s1.id, s2.id]);
  });

  it("deactivated: every earlier node of the workflow is deactivated, the reporting node is not", async () => {
    const w = await newWorkflow(h);
    const s1 = await sentSignal(h, w.id, { name: "S1" });
    await h.engine.reportNodeStatus(h.caller, s1.id, "completed");
    await h.drain();
    const s2 = await sentSignal(h, w.id, { name: "S2" });
    const [a, x] = await h.engine.addChildren(h.caller, s2.id, [{ name: "A", mode: "non_blocking" }, { name: "X" }]);
    await h.engine.reportNodeStatus(h.caller, s2.id, "completed");
    await h.drain();
    const [late] = await h.engine.addChildren(h.caller, x!.id, [{ name: "late" }]); // created after X

    const returned = await h.engine.reportNodeStatus(h.caller, x!.id, "deactivated");
    assert.equal(returned.id, x!.id);
    assert.deepEqual(await tree(h, w.id), [
      "S1 deactivated/complete",
      "S2 deactivated/complete",
      "A deactivated/received",
      "X sent_to_client/received",
      "late pending/pending",
    ]);
    assert.equal((await audit(h, s1.id)).at(-1), "server:complete→deactivated");
    assert.equal((await audit(h, a!.id)).at(-1), "server:sent_to_client→deactivated");
    assert.equal((await audit(h, x!.id)).at(-1), "client:ready→received", "X itself has no new audit row");

    // "Continue as new": X and its children still run, but completion stops at the deactivated S2.
    await h.engine.reportNodeStatus(h.caller, x!.id, "completed");
    await h.drain();
    assert.equal(await h.status(late!.id), "sent_to_client/received");
    await h.engine.reportNodeStatus(h.caller, late!.id, "completed");
    await h.drain();
    assert.equal(await h.status(x!.id), "complete/complete");
    assert.equal(await h.status(s2.id), "deactivated/complete");

    // The workflow advances again when something new is posted.
    const s3 = await h.engine.signalWorkflow(h.caller, w.id, { name: "S3" });
    await h.drain();
    assert.equal(await h.status(s3.id), "sent_to_client/received");
  });

  it("shutdown of an errored blocking signal: later signals are deactivated, its own children run, it completes", async () => {
    const { w, s1, s2, s3 } = await exhaustedSignal();
    // The client's rescue handler registers clean-up work, then shuts the node down.
    const [cleanup] = await h.engine.addChildren(h.caller, s1.id, [{ name: "cleanup" }]);
    assert.equal(await h.status(cleanup!.id), "pending/pending");
    await h.engine.reportNodeStatus(h.caller, s1.id, "shutdown", { reason: "give up" });
    assert.equal(await h.status(s1.id), "processing_children/shutdown");
    assert.equal(await h.status(s2.id), "deactivated/ready");
    assert.equal(await h.status(s3.id), "deactivated/ready");
    assert.equal(await h.status(cleanup!.id), "ready/ready");
    assert.equal((await h.node(s1.id)).completeBy, null);
    assert.deepEqual((await audit(h, s1.id)).slice(-2), [
      "client:errored→shutdown",
      "server:retries_exhausted→processing_children",
    ]);

    await h.drain();
    assert.equal(await h.status(cleanup!.id), "sent_to_client/received");
    await h.engine.reportNodeStatus(h.caller, cleanup!.id, "completed");
    await h.drain();
    assert.equal(await h.status(s1.id), "complete/shutdown");
    assert.deepEqual(postedIds(h, w.id), [s1.id, cleanup!.id], "S2 and S3 never ran");

    // A signal sent afterwards runs normally.
    const s4 = await h.engine.signalWorkflow(h.caller, w.id, { name: "S4" });
    await h.drain();
    assert.equal(await h.status(s4.id), "sent_to_client/received");
  });

  it("shutdown of a non-blocking node leaves its later siblings alone", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const [nb, later] = await h.engine.addChildren(h.caller, s.id, [
      { name: "nb", mode: "non_blocking", retry: 0 },
      { name: "later" },
    ]);
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await h.drain();
    await h.engine.reportNodeStatus(h.caller, nb!.id, "errored");
    await h.engine.reportNodeStatus(h.caller, nb!.id, "shutdown");
    assert.equal(await h.status(later!.id), "sent_to_client/received");
    await h.engine.reportNodeStatus(h.caller, later!.id, "completed");
    await h.drain();
    assert.equal(await h.status(nb!.id), "complete/shutdown");
    assert.equal(await h.status(s.id), "complete/complete");
  });

  it("resolve: the resolved node's children run, it completes, and the workflow continues", async () => {
    const { w, s1, s2, s3 } = await exhaustedSignal();
    const [cleanup] = await h.engine.addChildren(h.caller, s1.id, [{ name: "cleanup" }]);
    await h.engine.reportNodeStatus(h.caller, s1.id, "resolved", { note: "handled by hand" });
    assert.equal(await h.status(s1.id), "processing_children/resolved");
    assert.equal(await h.status(cleanup!.id), "ready/ready");
    assert.equal(await h.status(s2.id), "ready/ready", "resolve deactivates nothing");

    await h.drain();
    await h.engine.reportNodeStatus(h.caller, cleanup!.id, "completed");
    await h.drain();
    assert.equal(await h.status(s1.id), "complete/resolved");
    assert.equal(await h.status(s2.id), "sent_to_client/received", "the workflow goes on as if S1 had succeeded");
    assert.equal(await h.status(s3.id), "ready/ready");
    assert.deepEqual(postedIds(h, w.id), [s1.id, cleanup!.id, s2.id]);
  });

  it("restart of a retries_exhausted node runs it again; retriesRemaining is not reset", async () => {
    const { w, s1, s2 } = await exhaustedSignal();
    const before = await h.node(s1.id);
    const restarted = await h.engine.restartNode(h.operator, s1.id);
    assert.equal(`${restarted.serverStatus}/${restarted.clientStatus}`, "ready/ready");
    assert.deepEqual((await audit(h, s1.id)).slice(-2), ["client:errored→ready", "server:retries_exhausted→ready"]);
    await h.drain();
    assert.equal(await h.status(s1.id), "sent_to_client/received");
    const node = await h.node(s1.id);
    assert.equal(node.attempt, before.attempt + 1);
    assert.equal(node.retriesRemaining, 0);
    assert.deepEqual(postedIds(h, w.id), [s1.id, s1.id]);

    await h.engine.reportNodeStatus(h.caller, s1.id, "completed");
    await h.drain();
    assert.equal(await h.status(s2.id), "sent_to_client/received");
  });

  it("restart of a retrying node runs it now and drops the scheduled retry", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    await h.engine.reportNodeStatus(h.caller, s.id, "errored");
    const retryAt = (await h.node(s.id)).firesAt;
    await h.engine.restartNode(h.operator, s.id);
    await h.drain();
    assert.equal(await h.status(s.id), "sent_to_client/received");
    assert.equal((await h.node(s.id)).attempt, 2);

    h.clock.set(retryAt);
    await h.drain();
    assert.equal((await h.node(s.id)).attempt, 2, "the old retry did not run");
    assert.deepEqual(postedIds(h, w.id), [s.id, s.id]);
  });

  it("restart of a node that has not failed is CONFLICT and changes nothing", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const queued = await h.engine.signalWorkflow(h.caller, w.id, { name: "queued" });
    const before = await snapshot(h, w.id);
    const e = await rejectsWith(h.engine.restartNode(h.operator, s.id), "CONFLICT");
    assert.equal(e.currentStatus, "sent_to_client/received");
    await rejectsWith(h.engine.restartNode(h.operator, queued.id), "CONFLICT");
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    const afterComplete = await snapshot(h, w.id);
    await rejectsWith(h.engine.restartNode(h.operator, s.id), "CONFLICT");
    assert.deepEqual(await snapshot(h, w.id), afterComplete);
    assert.notDeepEqual(before, afterComplete);
  });
});
