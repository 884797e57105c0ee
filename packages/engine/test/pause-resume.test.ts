// Pause and resume (reference §6.1): pausing interrupts nothing; a node about to be sent while
// its workflow is paused is parked (started → paused); resume puts parked nodes back and sends them.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { audit, newWorkflow, postedIds, sentSignal } from "./support.ts";

describe("pause and resume", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it("a signal about to be sent while paused is parked, nothing is POSTed; resume sends it", async () => {
    const w = await newWorkflow(h);
    const paused = await h.engine.pauseWorkflow(h.caller, w.id);
    assert.equal(paused.paused, true);
    const s = await h.engine.signalWorkflow(h.caller, w.id, { name: "signal" });
    await h.drain();
    assert.equal(await h.status(s.id), "paused/ready");
    assert.deepEqual(postedIds(h, w.id), []);

    h.clock.advance(60_000);
    await h.drain();
    assert.equal(await h.status(s.id), "paused/ready", "stays parked however long");
    assert.deepEqual(postedIds(h, w.id), []);

    const resumed = await h.engine.resumeWorkflow(h.caller, w.id);
    assert.equal(resumed.paused, false);
    await h.drain();
    assert.equal(await h.status(s.id), "sent_to_client/received");
    assert.deepEqual(postedIds(h, w.id), [s.id]);
    assert.deepEqual(await audit(h, s.id), [
      "server:ready→started",
      "server:started→paused",
      "server:paused→started",
      "server:started→sent_to_client",
      "client:ready→received",
    ]);
  });

  it("pausing interrupts nothing running: a sent node reports and completes, its children are parked", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    await h.engine.pauseWorkflow(h.caller, w.id);

    await h.engine.reportNodeStatus(h.caller, s.id, "processing");
    const [a, b] = await h.engine.addChildren(h.caller, s.id, [
      { name: "a", mode: "non_blocking" },
      { name: "b", mode: "non_blocking" },
    ]);
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await h.drain();
    assert.equal(await h.status(s.id), "processing_children/complete");
    assert.equal(await h.status(a!.id), "paused/ready", "the pass still starts it, StartNode parks it");
    assert.equal(await h.status(b!.id), "paused/ready");
    assert.deepEqual(postedIds(h, w.id), [s.id]);

    await h.engine.resumeWorkflow(h.caller, w.id);
    // Resume moves the nodes back to started and sends them in the same transaction.
    assert.equal(await h.status(a!.id), "sent_to_client/received");
    assert.equal(await h.status(b!.id), "sent_to_client/received");
    await h.drain();
    assert.deepEqual(postedIds(h, w.id).slice(1).sort(), [a!.id, b!.id].sort());

    for (const id of [a!.id, b!.id]) await h.engine.reportNodeStatus(h.caller, id, "completed");
    await h.drain();
    assert.equal(await h.status(s.id), "complete/complete");
  });

  it("a timed node parked by a pause waits for its time after resume", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const firesAt = new Date(h.clock.now().getTime() + 10 * 60_000);
    const [timed] = await h.engine.addChildren(h.caller, s.id, [{ name: "timed", firesAt }]);
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await h.drain();
    assert.equal(await h.status(timed!.id), "started/ready");

    await h.engine.pauseWorkflow(h.caller, w.id);
    h.clock.advance(10 * 60_000);
    await h.drain();
    assert.equal(await h.status(timed!.id), "paused/ready");

    // Its time has passed while parked, so resume sends it at once.
    await h.engine.resumeWorkflow(h.caller, w.id);
    await h.drain();
    assert.equal(await h.status(timed!.id), "sent_to_client/received");
    assert.deepEqual(postedIds(h, w.id), [s.id, timed!.id]);
  });

  it("a pause and resume while a timed node waits leave its timer alone", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const firesAt = new Date(h.clock.now().getTime() + 5 * 60_000);
    const [timed] = await h.engine.addChildren(h.caller, s.id, [{ name: "timed", firesAt }]);
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await h.drain();
    assert.equal(await h.status(timed!.id), "started/ready");

    await h.engine.pauseWorkflow(h.caller, w.id);
    await h.engine.resumeWorkflow(h.caller, w.id);
    await h.drain();
    assert.equal(await h.status(timed!.id), "started/ready", "never parked: its start job had not run yet");
    h.clock.advance(5 * 60_000 - 1);
    await h.drain();
    assert.equal(await h.status(timed!.id), "started/ready");
    h.clock.advance(1);
    await h.drain();
    assert.equal(await h.status(timed!.id), "sent_to_client/received");
    assert.deepEqual(await audit(h, timed!.id), [
      "server:pending→ready",
      "client:pending→ready",
      "server:ready→started",
      "server:started→sent_to_client",
      "client:ready→received",
    ]);
  });

  it("resuming a workflow that is not paused changes nothing", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const resumed = await h.engine.resumeWorkflow(h.caller, w.id);
    assert.equal(resumed.paused, false);
    await h.drain();
    assert.equal(await h.status(s.id), "sent_to_client/received");
    assert.deepEqual(postedIds(h, w.id), [s.id], "not sent twice");
  });

  it("another client cannot pause or resume the workflow", async () => {
    const w = await newWorkflow(h);
    await assert.rejects(
      h.engine.pauseWorkflow({ kind: "client", clientId: "00000000-0000-4000-8000-000000000000" }, w.id),
      {
        code: "NOT_FOUND",
      },
    );
  });
});
