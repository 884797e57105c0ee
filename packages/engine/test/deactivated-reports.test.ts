// A report about a deactivated node is silently ignored (reference §3.10): the call succeeds and
// returns the node, and nothing changes — the client may not know its work was cancelled.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { newWorkflow, sentSignal, snapshot } from "./support.ts";

describe("reports about deactivated nodes", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it("every report on a deactivated node returns it unchanged", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const [child] = await h.engine.addChildren(h.caller, s.id, [{ name: "child" }]);
    await h.engine.reportNodeStatus(h.caller, s.id, "canceled");
    await h.drain();
    assert.equal(await h.status(s.id), "deactivated/received");
    const before = await snapshot(h, w.id);

    for (const [report, response] of [
      ["processing", undefined],
      ["completed", { result: 1 }],
      ["errored", { error: { message: "late" } }],
      ["resolved", undefined],
      ["shutdown", undefined],
      ["canceled", undefined],
      ["deactivated", undefined],
      ["deciding_complete", undefined],
    ] as const) {
      const node = await h.engine.reportNodeStatus(h.caller, s.id, report, response);
      assert.equal(node.id, s.id);
      assert.equal(`${node.serverStatus}/${node.clientStatus}`, "deactivated/received", report);
    }
    await h.drain();
    assert.deepEqual(await snapshot(h, w.id), before, "no status and no audit row changed");
    assert.equal(await h.status(child!.id), "deactivated/pending");
    assert.equal(h.fake.at("/notifications").filter((r) => r.body.activity.id === s.id).length, 0);
  });

  it("a deactivated child's completion does not poke its parent", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const [a, b] = await h.engine.addChildren(h.caller, s.id, [
      { name: "a", mode: "non_blocking" },
      { name: "b", mode: "non_blocking" },
    ]);
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await h.drain();
    await h.engine.resetNode(h.operator, s.id);
    const before = await snapshot(h, w.id);
    await h.engine.reportNodeStatus(h.caller, a!.id, "completed");
    await h.engine.reportNodeStatus(h.caller, b!.id, "errored");
    await h.drain();
    assert.deepEqual(await snapshot(h, w.id), before);
    assert.equal(await h.status(s.id), "processing_children/complete");
  });

  it("a report still has to be well formed and about a visible node", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    await h.engine.reportNodeStatus(h.caller, s.id, "canceled");
    await assert.rejects(h.engine.reportNodeStatus(h.caller, s.id, "finished"), { code: "BAD_USER_INPUT" });
    await assert.rejects(
      h.engine.reportNodeStatus(
        { kind: "client", clientId: "00000000-0000-4000-8000-000000000000" },
        s.id,
        "completed",
      ),
      {
        code: "NOT_FOUND",
      },
    );
  });
});
