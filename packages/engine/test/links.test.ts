// Links between workflows (reference §3.9): a node that others link to (parentLinkId) does not
// complete before every linking node has completed. A deactivated link no longer blocks
// (PRODUCT.md #6; the original waited for it forever).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { audit, newWorkflow, postedIds, sentSignal } from "./support.ts";

describe("links between workflows", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  /** Signal L in one workflow, and a linking signal K in another (both sent). */
  async function linkedPair() {
    const w1 = await newWorkflow(h, "linked-to");
    const l = await sentSignal(h, w1.id, { name: "L" });
    const w2 = await newWorkflow(h, "linking");
    const k = await sentSignal(h, w2.id, { name: "K", parentLinkId: l.id });
    assert.equal(k.parentLinkId, l.id);
    return { w1, l, w2, k };
  }

  it("the linked-to node waits in processing_children until the linking node completes", async () => {
    const { w1, l, k } = await linkedPair();
    const next = await h.engine.signalWorkflow(h.caller, w1.id, { name: "next" });

    await h.engine.reportNodeStatus(h.caller, l.id, "completed");
    await h.drain();
    assert.equal(await h.status(l.id), "processing_children/complete", "held by the link");
    assert.equal(await h.status(next.id), "ready/ready", "and so is the next signal of its workflow");

    await h.engine.reportNodeStatus(h.caller, k.id, "completed");
    // K waits for nothing, so it completes at once; L's pass is queued, not run yet.
    assert.equal(await h.status(k.id), "complete/complete");
    assert.equal(await h.status(l.id), "processing_children/complete");

    await h.drain();
    assert.equal(await h.status(l.id), "complete/complete", "the linking node's completion poked it");
    assert.equal(await h.status(next.id), "sent_to_client/received");
    assert.deepEqual(postedIds(h, w1.id), [l.id, next.id]);
    assert.deepEqual((await audit(h, l.id)).slice(-1), ["server:processing_children→complete"]);
  });

  it("a linking node that completes first lets the linked-to node complete on its own pass", async () => {
    const { l, k } = await linkedPair();
    await h.engine.reportNodeStatus(h.caller, k.id, "completed");
    await h.drain();
    assert.equal(await h.status(k.id), "complete/complete");
    assert.equal(await h.status(l.id), "sent_to_client/received", "a link does not complete its target");

    await h.engine.reportNodeStatus(h.caller, l.id, "completed");
    await h.drain();
    assert.equal(await h.status(l.id), "complete/complete");
  });

  it("a fire-and-forget linking node still releases the node it links to", async () => {
    const w1 = await newWorkflow(h, "linked-to");
    const l = await sentSignal(h, w1.id, { name: "L" });
    const w2 = await newWorkflow(h, "linking");
    const k = await sentSignal(h, w2.id, { name: "K" });
    await h.engine.reportNodeStatus(h.caller, k.id, "processing");
    const [faf] = await h.engine.addChildren(h.caller, k.id, [
      { name: "faf", mode: "fire_and_forget", parentLinkId: l.id },
    ]);
    await h.engine.reportNodeStatus(h.caller, k.id, "completed");
    await h.engine.reportNodeStatus(h.caller, l.id, "completed");
    await h.drain();
    assert.equal(await h.status(faf!.id), "sent_to_client/received");
    assert.equal(await h.status(l.id), "processing_children/complete", "held by the fire-and-forget link");

    await h.engine.reportNodeStatus(h.caller, faf!.id, "completed");
    await h.drain();
    assert.equal(await h.status(faf!.id), "complete/complete");
    assert.equal(await h.status(l.id), "complete/complete");
  });

  it("the linked-to node waits for its children and every link", async () => {
    const w1 = await newWorkflow(h, "linked-to");
    const l = await sentSignal(h, w1.id, { name: "L" });
    const [child] = await h.engine.addChildren(h.caller, l.id, [{ name: "child" }]);
    const links = [];
    for (const name of ["K1", "K2"]) {
      const w = await newWorkflow(h, "linking");
      links.push(await sentSignal(h, w.id, { name, parentLinkId: l.id }));
    }
    await h.engine.reportNodeStatus(h.caller, l.id, "completed");
    await h.drain();
    await h.engine.reportNodeStatus(h.caller, child!.id, "completed");
    await h.engine.reportNodeStatus(h.caller, links[0]!.id, "completed");
    await h.drain();
    assert.equal(await h.status(child!.id), "complete/complete");
    assert.equal(await h.status(links[0]!.id), "complete/complete");
    assert.equal(await h.status(l.id), "processing_children/complete", "K2 is still running");

    await h.engine.reportNodeStatus(h.caller, links[1]!.id, "completed");
    await h.drain();
    assert.equal(await h.status(l.id), "complete/complete");
  });

  it("a link deactivated before the linked-to node finishes does not block it", async () => {
    const { l, k } = await linkedPair();
    await h.engine.reportNodeStatus(h.caller, k.id, "canceled");
    assert.equal(await h.status(k.id), "deactivated/received");

    await h.engine.reportNodeStatus(h.caller, l.id, "completed");
    await h.drain();
    assert.equal(await h.status(l.id), "complete/complete");
  });

  it("a link deactivated while the linked-to node waits for it releases it (PRODUCT.md #6)", async () => {
    const { w1, l, k } = await linkedPair();
    const next = await h.engine.signalWorkflow(h.caller, w1.id, { name: "next" });
    await h.engine.reportNodeStatus(h.caller, l.id, "completed");
    await h.drain();
    assert.equal(await h.status(l.id), "processing_children/complete");

    await h.engine.reportNodeStatus(h.caller, k.id, "canceled");
    await h.drain();
    assert.equal(await h.status(k.id), "deactivated/received");
    assert.equal(await h.status(l.id), "complete/complete");
    assert.equal(await h.status(next.id), "sent_to_client/received");
  });

  it("a link deactivated by a reset of its parent releases the linked-to node", async () => {
    const w1 = await newWorkflow(h, "linked-to");
    const l = await sentSignal(h, w1.id, { name: "L" });
    await h.engine.reportNodeStatus(h.caller, l.id, "completed");
    await h.drain();
    assert.equal(await h.status(l.id), "complete/complete");

    // A child in another workflow links to L2; resetting that child's parent deactivates it.
    const l2 = await sentSignal(h, w1.id, { name: "L2" });
    const w2 = await newWorkflow(h, "linking");
    const p = await sentSignal(h, w2.id, { name: "P" });
    const [k] = await h.engine.addChildren(h.caller, p.id, [{ name: "K", parentLinkId: l2.id }]);
    await h.engine.reportNodeStatus(h.caller, p.id, "completed");
    await h.drain();
    assert.equal(await h.status(k!.id), "sent_to_client/received");

    await h.engine.reportNodeStatus(h.caller, l2.id, "completed");
    await h.drain();
    assert.equal(await h.status(l2.id), "processing_children/complete");

    await h.engine.resetNode(h.operator, p.id);
    assert.equal(await h.status(k!.id), "deactivated/received");
    await h.drain();
    assert.equal(await h.status(l2.id), "complete/complete");
  });

  it("a link to an unknown node is refused", async () => {
    const w = await newWorkflow(h);
    await assert.rejects(
      h.engine.signalWorkflow(h.caller, w.id, { name: "K", parentLinkId: "00000000-0000-4000-8000-000000000000" }),
      (e: { code?: string }) => e.code === "BAD_USER_INPUT",
    );
  });
});
