// Timers (reference §5.2): a node with firesAt in the future is STARTED when its parent's pass
// reaches it, but only sent once the clock passes firesAt.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { audit, newWorkflow, postedIds, sentSignal, signalWithChildren } from "./support.ts";

const MIN = 60_000;

describe("modes with timers", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  const at = (ms: number) => new Date(h.clock.now().getTime() + ms);

  it("a timed non_blocking child is started at once, sent only when its time comes, and does not hold back later siblings", async () => {
    const { w, s, kids } = await signalWithChildren(h, [
      { name: "timed", mode: "non_blocking", firesAt: at(10 * MIN) },
      { name: "next", mode: "blocking" },
    ]);
    const [timed, next] = kids.map((k) => k.id) as [string, string];

    await h.drain();
    assert.equal(await h.status(timed), "started/ready", "waiting for its timer");
    assert.equal(await h.status(next), "sent_to_client/received", "the later sibling runs meanwhile");
    assert.deepEqual(postedIds(h, w.id), [s.id, next]);

    await h.engine.reportNodeStatus(h.caller, next, "completed");
    await h.drain();
    assert.equal(await h.status(next), "complete/complete");
    assert.equal(await h.status(s.id), "processing_children/complete", "the parent waits for the timed child");

    h.clock.advance(10 * MIN - 1);
    await h.drain();
    assert.equal(await h.status(timed), "started/ready", "one millisecond early: still waiting");
    assert.deepEqual(postedIds(h, w.id), [s.id, next]);

    h.clock.advance(1);
    await h.drain();
    assert.equal(await h.status(timed), "sent_to_client/received");
    assert.deepEqual(postedIds(h, w.id), [s.id, next, timed]);

    await h.engine.reportNodeStatus(h.caller, timed, "completed");
    await h.drain();
    assert.equal(await h.status(timed), "complete/complete");
    assert.equal(await h.status(s.id), "complete/complete");
    assert.deepEqual(await audit(h, timed), [
      "server:pending→ready",
      "client:pending→ready",
      "server:ready→started",
      "server:started→sent_to_client",
      "client:ready→received",
      "client:received→complete",
      "server:sent_to_client→processing_children",
      "server:processing_children→complete",
    ]);
  });

  it("a timed blocking child holds back every later sibling until it fires and completes", async () => {
    const { w, s, kids } = await signalWithChildren(h, [
      { name: "first", mode: "non_blocking" },
      { name: "timed", mode: "blocking", firesAt: at(5 * MIN) },
      { name: "after-nb", mode: "non_blocking" },
      { name: "after-b", mode: "blocking" },
    ]);
    const [first, timed, afterNb, afterB] = kids.map((k) => k.id) as [string, string, string, string];

    await h.drain();
    assert.equal(await h.status(first), "sent_to_client/received");
    assert.equal(await h.status(timed), "started/ready");
    assert.equal(await h.status(afterNb), "ready/ready");
    assert.equal(await h.status(afterB), "ready/ready");

    h.clock.advance(4 * MIN);
    await h.drain();
    assert.equal(await h.status(timed), "started/ready");
    assert.equal(await h.status(afterNb), "ready/ready");

    h.clock.advance(MIN);
    await h.drain();
    assert.equal(await h.status(timed), "sent_to_client/received");
    assert.equal(await h.status(afterNb), "ready/ready", "still held back: the timed child has not completed");

    await h.engine.reportNodeStatus(h.caller, timed, "completed");
    await h.drain();
    assert.equal(await h.status(timed), "complete/complete");
    assert.equal(await h.status(afterNb), "sent_to_client/received");
    assert.equal(await h.status(afterB), "sent_to_client/received");
    const posted = postedIds(h, w.id);
    assert.deepEqual(posted.slice(0, 3), [s.id, first, timed]);
    assert.deepEqual(posted.slice(3).sort(), [afterNb, afterB].sort(), "both sent in the same pass");

    for (const id of [first, afterNb, afterB]) await h.engine.reportNodeStatus(h.caller, id, "completed");
    await h.drain();
    assert.equal(await h.status(s.id), "complete/complete");
  });

  it("a timed signal starts at its time, and later signals queue behind it", async () => {
    const w = await newWorkflow(h);
    const timed = await h.engine.signalWorkflow(h.caller, w.id, { name: "timed", firesAt: at(30 * MIN) });
    const later = await h.engine.signalWorkflow(h.caller, w.id, { name: "later" });
    await h.drain();
    assert.equal(await h.status(timed.id), "started/ready");
    assert.equal(await h.status(later.id), "ready/ready");
    assert.deepEqual(postedIds(h, w.id), []);

    h.clock.advance(30 * MIN);
    await h.drain();
    assert.equal(await h.status(timed.id), "sent_to_client/received");
    assert.equal(await h.status(later.id), "ready/ready");
    const [posted] = h.fake.at("/decision").filter((r) => r.body.decision.id === timed.id);
    assert.equal(posted!.body.decision.firesAt, timed.firesAt.toISOString());

    await h.engine.reportNodeStatus(h.caller, timed.id, "completed");
    await h.drain();
    assert.equal(await h.status(timed.id), "complete/complete");
    assert.equal(await h.status(later.id), "sent_to_client/received");
    assert.deepEqual(postedIds(h, w.id), [timed.id, later.id]);
  });

  it("a timed signal behind a running one keeps its own time once it is reached", async () => {
    const w = await newWorkflow(h);
    const first = await sentSignal(h, w.id, { name: "first" });
    const timed = await h.engine.signalWorkflow(h.caller, w.id, { name: "timed", firesAt: at(20 * MIN) });
    await h.drain();
    assert.equal(await h.status(timed.id), "ready/ready", "queued behind the running signal");

    await h.engine.reportNodeStatus(h.caller, first.id, "completed");
    await h.drain();
    assert.equal(await h.status(first.id), "complete/complete");
    assert.equal(await h.status(timed.id), "started/ready", "reached by the pass, waiting for its timer");

    h.clock.advance(20 * MIN);
    await h.drain();
    assert.equal(await h.status(timed.id), "sent_to_client/received");
  });

  it("a firesAt in the past starts at once", async () => {
    const { kids } = await signalWithChildren(h, [{ name: "past", firesAt: at(-60 * MIN) }]);
    await h.drain();
    assert.equal(await h.status(kids[0]!.id), "sent_to_client/received");
  });
});
