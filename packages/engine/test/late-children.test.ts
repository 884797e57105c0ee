// Children added too late (PRODUCT.md #5): once a node's client work is finished its children have
// already been readied, so new ones would never run and the parent would hang. They are refused.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { newWorkflow, rejectsWith, sentSignal, snapshot } from "./support.ts";

describe("children added too late", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  async function refusedChildren(workflowId: string, nodeId: string, expectedStatus: string) {
    const before = await snapshot(h, workflowId);
    const childrenBefore = (await h.children(nodeId)).length;
    const e = await rejectsWith(
      h.engine.addChildren(h.caller, nodeId, [{ name: "too-late" }, { name: "also-late" }]),
      "CONFLICT",
    );
    assert.equal(e.currentStatus, expectedStatus);
    assert.equal((await h.children(nodeId)).length, childrenBefore, "no child created");
    assert.deepEqual(await snapshot(h, workflowId), before);
  }

  it("after the node reported completed", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const [early] = await h.engine.addChildren(h.caller, s.id, [{ name: "early" }]);
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await refusedChildren(w.id, s.id, "processing_children/complete");

    // The parent is not stuck: its one child runs and it completes.
    await h.drain();
    await h.engine.reportNodeStatus(h.caller, early!.id, "completed");
    await h.drain();
    assert.equal(await h.status(s.id), "complete/complete");
    await refusedChildren(w.id, s.id, "complete/complete");
  });

  it("after the node was resolved or shut down", async () => {
    for (const outcome of ["resolved", "shutdown"] as const) {
      const w = await newWorkflow(h);
      const s = await sentSignal(h, w.id, { retry: 0 });
      await h.engine.reportNodeStatus(h.caller, s.id, "errored");
      await h.engine.reportNodeStatus(h.caller, s.id, outcome);
      // Nothing to wait for: it completed in the same step, and takes no children either way.
      await refusedChildren(w.id, s.id, `complete/${outcome}`);
    }
  });

  it("to a deactivated node", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    await h.engine.reportNodeStatus(h.caller, s.id, "canceled");
    await refusedChildren(w.id, s.id, "deactivated/received");
  });

  it("while the client still works (received, processing, or errored before a rescue) children are accepted", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id, { retry: 0 });
    await h.engine.addChildren(h.caller, s.id, [{ name: "while-received" }]);
    await h.engine.reportNodeStatus(h.caller, s.id, "processing");
    await h.engine.addChildren(h.caller, s.id, [{ name: "while-processing" }]);
    await h.engine.reportNodeStatus(h.caller, s.id, "errored");
    assert.equal(await h.status(s.id), "retries_exhausted/errored");
    await h.engine.addChildren(h.caller, s.id, [{ name: "rescue" }]);
    const kids = await h.children(s.id);
    assert.deepEqual(
      kids.map((k) => `${k.name} ${k.serverStatus}/${k.clientStatus}`),
      ["while-received pending/pending", "while-processing pending/pending", "rescue pending/pending"],
    );
  });
});
