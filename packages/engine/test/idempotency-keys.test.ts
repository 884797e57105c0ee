// Idempotency keys (issue 10): a signal or addChildren repeated with the same key (a retry after a
// lost answer, a decision handler run again within one attempt) answers what the first call
// created, same ids in the same order, and creates nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { listWorkflowNodes } from "@backbeat/db";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { newWorkflow, rejectsWith, sentSignal, snapshot } from "./support.ts";

describe("idempotency keys", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);

  it("a repeated signal answers the first one's node and creates nothing", async () => {
    const w = await newWorkflow(h);
    const first = await h.engine.signalWorkflow(h.caller, w.id, { name: "pay", idempotencyKey: "k1" });
    const again = await h.engine.signalWorkflow(h.caller, w.id, { name: "pay", idempotencyKey: "k1" });
    const differs = await h.engine.signalWorkflow(h.caller, w.id, { name: "other", idempotencyKey: "k1" });
    assert.equal(again.id, first.id);
    assert.equal(differs.id, first.id, "a different payload with the same key gets the first result");
    assert.equal(differs.name, "pay");
    assert.equal((await listWorkflowNodes(h.engine.sql, w.id)).length, 1);
    // A new key is a new signal; no key, as before, always one.
    await h.engine.signalWorkflow(h.caller, w.id, { name: "pay", idempotencyKey: "k2" });
    await h.engine.signalWorkflow(h.caller, w.id, { name: "pay" });
    await h.engine.signalWorkflow(h.caller, w.id, { name: "pay" });
    assert.equal((await listWorkflowNodes(h.engine.sql, w.id)).length, 4);
  });

  it("concurrent signals with one key make one node", async () => {
    const w = await newWorkflow(h);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        h.engine.signalWorkflow(h.caller, w.id, { name: "race", idempotencyKey: "same" }),
      ),
    );
    assert.equal(new Set(ids(answers)).size, 1);
    assert.equal((await listWorkflowNodes(h.engine.sql, w.id)).length, 1);
    await h.drain();
    assert.equal(await h.status(answers[0]!.id), "sent_to_client/received");
  });

  it("a repeated addChildren answers the first call's children, same ids in the same order", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const kids = [{ name: "a" }, { name: "b" }, { name: "c", mode: "non_blocking" as const }];
    const first = await h.engine.addChildren(h.caller, s.id, kids, 1, "decide:1:0");
    const before = await snapshot(h, w.id);
    const again = await h.engine.addChildren(h.caller, s.id, kids, 1, "decide:1:0");
    const differs = await h.engine.addChildren(h.caller, s.id, [{ name: "z" }], 1, "decide:1:0");
    assert.deepEqual(ids(again), ids(first));
    assert.deepEqual(ids(differs), ids(first), "a different payload with the same key gets the first result");
    assert.deepEqual(
      again.map((n) => n.name),
      ["a", "b", "c"],
    );
    assert.deepEqual(await snapshot(h, w.id), before, "nothing created or changed");

    // The same key under another parent is another call.
    const other = await sentSignal(h, (await newWorkflow(h)).id);
    const elsewhere = await h.engine.addChildren(h.caller, other.id, [{ name: "a" }], 1, "decide:1:0");
    assert.notDeepEqual(ids(elsewhere), ids(first));
  });

  it("a retry after the parent completed still gets its children (not CONFLICT)", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const first = await h.engine.addChildren(h.caller, s.id, [{ name: "a" }], 1, "late");
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    assert.deepEqual(ids(await h.engine.addChildren(h.caller, s.id, [{ name: "a" }], 1, "late")), ids(first));
    await rejectsWith(h.engine.addChildren(h.caller, s.id, [{ name: "a" }], 1, "new-key"), "CONFLICT");
  });

  it("a key is no way into another client's nodes, and bad keys are refused", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    await h.engine.addChildren(h.caller, s.id, [{ name: "a" }], 1, "mine");
    const { client } = await h.engine.createClient({ name: "stranger" });
    const stranger = { kind: "client" as const, clientId: client.id };
    await rejectsWith(h.engine.addChildren(stranger, s.id, [{ name: "a" }], 1, "mine"), "NOT_FOUND");
    await rejectsWith(h.engine.signalWorkflow(stranger, w.id, { name: "a", idempotencyKey: "mine" }), "NOT_FOUND");
    const before = await snapshot(h, w.id);
    await rejectsWith(h.engine.addChildren(h.caller, s.id, [{ name: "a" }], 1, ""), "BAD_USER_INPUT");
    await rejectsWith(h.engine.addChildren(h.caller, s.id, [{ name: "a" }], 1, "k".repeat(201)), "BAD_USER_INPUT");
    await rejectsWith(h.engine.signalWorkflow(h.caller, w.id, { name: "a", idempotencyKey: "" }), "BAD_USER_INPUT");
    assert.deepEqual(await snapshot(h, w.id), before);
  });
});
