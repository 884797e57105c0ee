// Bad input (PRODUCT.md #4): refused with BAD_USER_INPUT and a message, never an internal error,
// and nothing is written.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { NodeInput } from "@backbeat/core";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { newWorkflow, rejectsWith, sentSignal, snapshot } from "./support.ts";

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const BIG = "x".repeat(64 * 1024);

describe("bad input", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  /** Every way to spell a bad node, with the field its message must name. */
  const badNodes: [string, Record<string, unknown>, RegExp][] = [
    ["unknown mode", { name: "n", mode: "fire_and_foreget" }, /mode/],
    ["missing name", {}, /name/],
    ["empty name", { name: "" }, /name/],
    ["blank name", { name: "   " }, /name/],
    ["non-string name", { name: 42 }, /name/],
    ["unknown type", { name: "n", type: "task" }, /type/],
    ["negative retry", { name: "n", retry: -1 }, /retry/],
    ["fractional retry", { name: "n", retry: 1.5 }, /retry/],
    ["negative retryInterval", { name: "n", retryInterval: -5 }, /retryInterval/],
    ["array clientData", { name: "n", clientData: [1, 2] }, /clientData/],
    ["string clientData", { name: "n", clientData: "data" }, /clientData/],
    ["number metadata", { name: "n", metadata: 7 }, /metadata/],
    ["oversized clientData", { name: "n", clientData: { blob: BIG } }, /clientData/],
    ["oversized metadata", { name: "n", metadata: { blob: BIG } }, /metadata/],
    ["malformed clientId", { name: "n", clientId: "not-a-uuid" }, /clientId/],
    // An unknown clientId is NOT_FOUND, as a client that does not accept the work (delegation.test.ts).
    ["malformed parentLinkId", { name: "n", parentLinkId: "123" }, /parentLinkId/],
    ["unknown parentLinkId", { name: "n", parentLinkId: UNKNOWN_ID }, /parentLinkId/],
    ["invalid firesAt", { name: "n", firesAt: new Date("nonsense") }, /firesAt/],
  ];

  for (const [what, input, field] of badNodes) {
    it(`addChildren refuses ${what}, and writes nothing`, async () => {
      const w = await newWorkflow(h);
      const s = await sentSignal(h, w.id);
      const before = await snapshot(h, w.id);
      // A good child first: the whole call is refused, not just the bad one.
      const e = await rejectsWith(
        h.engine.addChildren(h.caller, s.id, [{ name: "good" }, input as NodeInput]),
        "BAD_USER_INPUT",
      );
      assert.match(String(e.message), field);
      assert.equal((await h.children(s.id)).length, 0);
      assert.deepEqual(await snapshot(h, w.id), before);
    });
  }

  it("signalWorkflow refuses the same bad nodes, and writes nothing", async () => {
    const w = await newWorkflow(h);
    const before = await snapshot(h, w.id);
    for (const [what, input, field] of badNodes) {
      if (what === "unknown mode" || what === "unknown type") continue; // signals force both
      const e = await rejectsWith(h.engine.signalWorkflow(h.caller, w.id, input as NodeInput), "BAD_USER_INPUT");
      assert.match(String(e.message), field, what);
    }
    await h.drain();
    assert.deepEqual(await snapshot(h, w.id), before);
    assert.deepEqual(before.nodes, []);
  });

  it("a signal's mode and type are forced (blocking decision), not refused", async () => {
    const w = await newWorkflow(h);
    const s = await h.engine.signalWorkflow(h.caller, w.id, { name: "s", mode: "whatever", type: "flag" } as NodeInput);
    assert.equal(s.mode, "blocking");
    assert.equal(s.type, "decision");
  });

  it("malformed ids are BAD_USER_INPUT, unknown well-formed ids NOT_FOUND", async () => {
    const w = await newWorkflow(h);
    for (const bad of ["", "42", "not-a-uuid", `${UNKNOWN_ID}x`, "'; DROP TABLE nodes; --"]) {
      await rejectsWith(h.engine.reportNodeStatus(h.caller, bad, "completed"), "BAD_USER_INPUT");
      await rejectsWith(h.engine.addChildren(h.caller, bad, [{ name: "x" }]), "BAD_USER_INPUT");
      await rejectsWith(h.engine.signalWorkflow(h.caller, bad, { name: "x" }), "BAD_USER_INPUT");
      await rejectsWith(h.engine.restartNode(h.caller, bad), "BAD_USER_INPUT");
      await rejectsWith(h.engine.resetNode(h.caller, bad), "BAD_USER_INPUT");
      await rejectsWith(h.engine.scheduleNode(h.caller, bad), "BAD_USER_INPUT");
      await rejectsWith(h.engine.pauseWorkflow(h.caller, bad), "BAD_USER_INPUT");
      await rejectsWith(h.engine.resumeWorkflow(h.caller, bad), "BAD_USER_INPUT");
      await rejectsWith(h.engine.completeWorkflow(h.caller, bad), "BAD_USER_INPUT");
    }
    await rejectsWith(h.engine.reportNodeStatus(h.caller, UNKNOWN_ID, "completed"), "NOT_FOUND");
    await rejectsWith(h.engine.addChildren(h.caller, UNKNOWN_ID, [{ name: "x" }]), "NOT_FOUND");
    await rejectsWith(h.engine.signalWorkflow(h.caller, UNKNOWN_ID, { name: "x" }), "NOT_FOUND");
    assert.deepEqual((await snapshot(h, w.id)).nodes, []);
  });

  it("an unknown status report name is refused, and the node is untouched", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const before = await snapshot(h, w.id);
    for (const status of ["finished", "complete", "", "COMPLETED!", "cancelled"]) {
      const e = await rejectsWith(h.engine.reportNodeStatus(h.caller, s.id, status), "BAD_USER_INPUT");
      assert.match(String(e.message), /Unknown status change/);
    }
    assert.deepEqual(await snapshot(h, w.id), before);
  });

  it("an oversized report response is refused, and the node is untouched", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const before = await snapshot(h, w.id);
    await rejectsWith(h.engine.reportNodeStatus(h.caller, s.id, "completed", { result: BIG }), "BAD_USER_INPUT");
    assert.deepEqual(await snapshot(h, w.id), before);
  });

  it("children that are not a list are refused", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    for (const bad of [null, { name: "x" }, "x"]) {
      await rejectsWith(h.engine.addChildren(h.caller, s.id, bad as unknown as NodeInput[]), "BAD_USER_INPUT");
    }
    assert.equal((await h.children(s.id)).length, 0);
  });

  it("createWorkflow refuses a missing name or subject", async () => {
    await rejectsWith(h.engine.createWorkflow(h.caller, { name: "", subject: {} }), "BAD_USER_INPUT");
    await rejectsWith(h.engine.createWorkflow(h.caller, { name: "w", subject: undefined }), "BAD_USER_INPUT");
    await rejectsWith(h.engine.createWorkflow(h.caller, { name: "w", subject: { blob: BIG } }), "BAD_USER_INPUT");
  });

  it("a signal to a completed workflow is CONFLICT and creates nothing", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const done = await h.engine.completeWorkflow(h.caller, w.id);
    assert.equal(done.complete, true);
    const before = await snapshot(h, w.id);
    await rejectsWith(h.engine.signalWorkflow(h.caller, w.id, { name: "more" }), "CONFLICT");
    assert.deepEqual(await snapshot(h, w.id), before);
    // Running nodes are unaffected.
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await h.drain();
    assert.equal(await h.status(s.id), "complete/complete");
  });
});
