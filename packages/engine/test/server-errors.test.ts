// Server-side failures (reference §4.5): a job that throws is tried 4 more times, 30 s apart; after
// the fifth failure its node is ERRORED and the client gets a "Server Error" notification.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SERVER_ERROR_RETRY_MS } from "@backbeat/core";
import { listNodeHistory } from "@backbeat/db";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { audit, newWorkflow, notificationsFor, postedIds, sentSignal, signalWithChildren } from "./support.ts";

describe("server-side failures", () => {
  let h: Harness;
  /** The job to break: kind and node. Failures are told apart by the job's attempt count (the
   * engine may run a job once in a batch and once alone before it counts one failure). */
  let breakJob: { kind: string; nodeId: string; message: string } | null = null;
  const seen = new Set<number>();
  const failures = {
    get length() {
      return seen.size;
    },
    list: () => [...seen].sort((a, b) => a - b),
  };

  before(async () => {
    h = await createHarness({
      beforeJob: (job) => {
        if (breakJob && job.kind === breakJob.kind && job.nodeId === breakJob.nodeId) {
          seen.add(job.attempts);
          throw new Error(breakJob.message);
        }
      },
    });
  });
  after(() => h.close());

  function breakNext(kind: string, nodeId: string, message: string) {
    breakJob = { kind, nodeId, message };
    seen.clear();
  }

  it("a node's pass failing five times, 30 s apart, errors the node and notifies the client", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const next = await h.engine.signalWorkflow(h.caller, w.id, { name: "next" });
    // With a child, completing the signal needs its pass (a leaf would complete with its report).
    await h.engine.addChildren(h.caller, s.id, [{ name: "child" }]);
    breakNext("pass", s.id, "database on fire");
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    const auditBefore = (await listNodeHistory(h.engine.sql, s.id)).length;

    await h.drain();
    assert.deepEqual(failures.list(), [0], "first failure");
    assert.equal(await h.status(s.id), "processing_children/complete");

    for (let n = 2; n <= 4; n++) {
      await h.drain();
      assert.equal(failures.length, n - 1, "not tried again before 30 s");
      h.clock.advance(SERVER_ERROR_RETRY_MS - 1);
      await h.drain();
      assert.equal(failures.length, n - 1, "still not: one millisecond early");
      h.clock.advance(1);
      await h.drain();
      assert.equal(failures.length, n);
      assert.equal(await h.status(s.id), "processing_children/complete", `nothing errored after failure ${n}`);
      assert.equal(notificationsFor(h, s.id).length, 0);
    }
    assert.equal((await listNodeHistory(h.engine.sql, s.id)).length, auditBefore, "failed attempts leave no trace");

    h.clock.advance(SERVER_ERROR_RETRY_MS);
    await h.drain();
    assert.deepEqual(failures.list(), [0, 1, 2, 3, 4]);
    assert.equal(await h.status(s.id), "errored/complete");
    assert.equal(await h.status(next.id), "ready/ready", "an errored signal holds back the next one");
    const notes = notificationsFor(h, s.id);
    assert.equal(notes.length, 1);
    assert.deepEqual(notes[0]!.notification, { name: "signal", message: "Server Error" });
    assert.deepEqual(notes[0]!.error, { message: "database on fire" });
    assert.equal(notes[0]!.activity.currentServerStatus, "errored");
    const last = (await listNodeHistory(h.engine.sql, s.id)).at(-1)!;
    assert.deepEqual([last.statusType, last.fromStatus, last.toStatus], ["server", "processing_children", "errored"]);
    assert.deepEqual(last.response, { error: { message: "database on fire" } });

    // The job is gone: nothing more happens to the node.
    breakJob = null;
    h.clock.advance(10 * SERVER_ERROR_RETRY_MS);
    await h.drain();
    assert.equal(await h.status(s.id), "errored/complete");
    assert.equal(notificationsFor(h, s.id).length, 1);
  });

  it("a job that fails a few times and then succeeds leaves no error", async () => {
    const { s, kids } = await signalWithChildren(h, [{ name: "child" }]);
    breakNext("pass", s.id, "flaky");
    await h.drain();
    await h.drain();
    h.clock.advance(SERVER_ERROR_RETRY_MS);
    await h.drain();
    assert.equal(failures.length, 2);
    assert.equal(await h.status(kids[0]!.id), "ready/ready", "the pass that would start it has not succeeded");

    breakJob = null;
    h.clock.advance(SERVER_ERROR_RETRY_MS);
    await h.drain();
    assert.equal(await h.status(kids[0]!.id), "sent_to_client/received");
    assert.equal(notificationsFor(h, s.id).length, 0);
    assert.ok(!(await audit(h, s.id)).some((r) => r.endsWith("→errored")));
  });

  it("a timed start failing five times errors the node instead of sending it", async () => {
    const firesAt = new Date(h.clock.now().getTime() + 60_000);
    const { w, s, kids } = await signalWithChildren(h, [{ name: "timed", firesAt }]);
    const id = kids[0]!.id;
    await h.drain();
    assert.equal(await h.status(id), "started/ready");
    breakNext("start", id, "cannot start");

    h.clock.advance(60_000);
    await h.drain();
    for (let n = 2; n <= 5; n++) {
      h.clock.advance(SERVER_ERROR_RETRY_MS);
      await h.drain();
      assert.equal(failures.length, n);
      if (n < 5) assert.equal(await h.status(id), "started/ready");
    }
    assert.equal(await h.status(id), "errored/ready");
    assert.deepEqual(postedIds(h, w.id), [s.id], "never sent");
    assert.deepEqual(notificationsFor(h, id)[0]!.error, { message: "cannot start" });
    breakJob = null;
  });

  it("a retry job failing five times errors a retrying node", async () => {
    const { kids } = await signalWithChildren(h, [{ name: "retrying" }]);
    const id = kids[0]!.id;
    await h.drain();
    await h.engine.reportNodeStatus(h.caller, id, "errored");
    breakNext("retry", id, "retry broke");
    h.clock.set((await h.node(id)).firesAt);
    await h.drain();
    for (let n = 2; n <= 5; n++) {
      assert.equal(await h.status(id), "retrying/errored");
      h.clock.advance(SERVER_ERROR_RETRY_MS);
      await h.drain();
    }
    assert.equal(failures.length, 5);
    assert.equal(await h.status(id), "errored/errored");
    assert.equal(notificationsFor(h, id).length, 1);
    assert.equal(notificationsFor(h, id)[0]!.notification.message, "Server Error");

    // An operator restarts it (client status errored): it runs again.
    breakJob = null;
    await h.engine.restartNode(h.operator, id);
    await h.drain();
    assert.equal(await h.status(id), "sent_to_client/received");
  });
});
