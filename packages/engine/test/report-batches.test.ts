// reportNodeStatuses: many reports in one transaction, each checked on its own, and the fan-in that
// asks for a parent's pass only once no child is left.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { listNodeHistory, query, sql } from "@backbeat/db";
import { actorOf } from "../src/caller.ts";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { audit, newWorkflow, sentSignal, signalWithChildren, snapshot } from "./support.ts";

describe("reports in batches", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  /** Children of a completed signal, sent to the client. */
  async function sentChildren(count: number, mode = "non_blocking" as const) {
    const { w, s, kids } = await signalWithChildren(
      h,
      Array.from({ length: count }, (_, i) => ({ name: `child-${i}`, mode })),
    );
    await h.drain();
    for (const k of kids) assert.equal(await h.status(k.id), "sent_to_client/received");
    return { w, s, kids };
  }

  const passJobs = async (nodeId: string) =>
    (
      await query<{ n: number }>(h.engine.sql, sql`SELECT count(*)::int AS n FROM jobs WHERE node_id = ${nodeId}::uuid`)
    )[0]!.n;

  it("applies every report it can and answers each refusal on its own, in order, changing nothing for it", async () => {
    const { kids } = await sentChildren(3);
    const [a, b, c] = kids.map((k) => k.id) as [string, string, string];
    const w2 = await newWorkflow(h, "other");
    const lone = await sentSignal(h, w2.id);
    const loneBefore = await snapshot(h, w2.id);
    const outcomes = await h.engine.reportNodeStatuses(h.caller, [
      { nodeId: a, status: "completed", response: { result: 1 }, attempt: 1 },
      { nodeId: "00000000-0000-4000-8000-000000000000", status: "completed" },
      { nodeId: b, status: "completed", attempt: 7 }, // an attempt that is not b's
      { nodeId: "not-a-uuid", status: "completed" },
      { nodeId: c, status: "no-such-status" },
      { nodeId: lone.id, status: "resolved" }, // lone has not failed: the table refuses it
    ]);
    assert.deepEqual(
      outcomes.map((o) => ("node" in o ? `ok ${o.node.serverStatus}/${o.node.clientStatus}` : o.error.code)),
      ["ok complete/complete", "NOT_FOUND", "CONFLICT", "BAD_USER_INPUT", "BAD_USER_INPUT", "CONFLICT"],
    );
    assert.equal(await h.status(a), "complete/complete");
    assert.equal(await h.status(b), "sent_to_client/received");
    assert.equal(await h.status(c), "sent_to_client/received");
    assert.deepEqual(await snapshot(h, w2.id), loneBefore);
    // The bulk path writes what the one-by-one path writes: three rows, the last the engine's.
    assert.deepEqual((await audit(h, a)).slice(-3), [
      "client:received→complete",
      "server:sent_to_client→processing_children",
      "server:processing_children→complete",
    ]);
    const rows = (await listNodeHistory(h.engine.sql, a)).slice(-3);
    assert.deepEqual(
      rows.map((r) => [r.actor, r.response]),
      [
        [actorOf(h.caller), { result: 1 }],
        [actorOf(h.caller), { result: 1 }],
        ["engine", {}],
      ],
    );
  });

  it("another client's nodes are NOT_FOUND in a batch too", async () => {
    const { kids } = await sentChildren(1);
    const other = await h.engine.createClient({ name: `other-${Date.now()}` });
    const [outcome] = await h.engine.reportNodeStatuses({ kind: "client", clientId: other.client.id }, [
      { nodeId: kids[0]!.id, status: "completed" },
    ]);
    assert.ok(outcome && "error" in outcome && outcome.error.code === "NOT_FOUND");
    assert.equal(await h.status(kids[0]!.id), "sent_to_client/received");
  });

  it("a batch sent again (its answer was lost) succeeds and changes nothing", async () => {
    const { w, kids } = await sentChildren(2);
    const reports = kids.map((k) => ({ nodeId: k.id, status: "completed", attempt: 1 }));
    await h.engine.reportNodeStatuses(h.caller, reports);
    await h.drain();
    const before = await snapshot(h, w.id);
    const again = await h.engine.reportNodeStatuses(h.caller, reports);
    assert.ok(again.every((o) => "node" in o));
    await h.drain();
    assert.deepEqual(await snapshot(h, w.id), before);
  });

  it("two reports about one node in a batch apply in order (PROCESSING, then COMPLETED)", async () => {
    const { kids } = await sentChildren(1);
    const id = kids[0]!.id;
    const outcomes = await h.engine.reportNodeStatuses(h.caller, [
      { nodeId: id, status: "processing" },
      { nodeId: id, status: "completed" },
    ]);
    assert.ok(outcomes.every((o) => "node" in o));
    assert.deepEqual((await audit(h, id)).slice(-4), [
      "client:received→processing",
      "client:processing→complete",
      "server:sent_to_client→processing_children",
      "server:processing_children→complete",
    ]);
  });

  it("fan-in: non-blocking children completing ask for their parent's pass only once none is left", async () => {
    const { s, kids } = await sentChildren(4);
    const [a, b, c, d] = kids.map((k) => k.id) as [string, string, string, string];
    await h.engine.reportNodeStatuses(h.caller, [{ nodeId: a, status: "completed" }]);
    await h.engine.reportNodeStatus(h.caller, b, "completed");
    assert.equal(await passJobs(s.id), 0, "children are left: no pass on the parent");
    await h.drain();
    assert.equal(await h.status(s.id), "processing_children/complete");
    await h.engine.reportNodeStatuses(h.caller, [
      { nodeId: c, status: "completed" },
      { nodeId: d, status: "completed" },
    ]);
    assert.equal(await passJobs(s.id), 1, "the last one asks for it");
    await h.drain();
    assert.equal(await h.status(s.id), "complete/complete");
  });

  it("fan-in: the last two siblings completing at once, in two transactions: one of them asks for the pass", async () => {
    for (let round = 0; round < 5; round++) {
      const { s, kids } = await sentChildren(2);
      // Each takes its turn on the parent; the second checks after the first committed, so it sees it.
      await Promise.all(
        kids.map((k) => h.engine.reportNodeStatuses(h.caller, [{ nodeId: k.id, status: "completed" }])),
      );
      assert.equal(await passJobs(s.id), 1, `round ${round}: the pass is asked for`);
      await h.drain();
      assert.equal(await h.status(s.id), "complete/complete");
    }
  });

  it("fan-in waits for a child that failed and is retried, not for a fire-and-forget one", async () => {
    const { w, s, kids } = await signalWithChildren(h, [
      { name: "fails", mode: "non_blocking", retry: 1, retryInterval: 0 },
      { name: "ok", mode: "non_blocking" },
      { name: "nobody waits", mode: "fire_and_forget" },
    ]);
    await h.drain();
    const [fails, ok] = kids.map((k) => k.id) as [string, string];
    await h.engine.reportNodeStatus(h.caller, fails, "errored");
    await h.engine.reportNodeStatuses(h.caller, [{ nodeId: ok, status: "completed" }]);
    await h.drain();
    assert.equal(await h.status(s.id), "processing_children/complete", "the retried child still runs");
    assert.equal(await h.status(fails), "sent_to_client/received", "sent again");
    await h.engine.reportNodeStatuses(h.caller, [{ nodeId: fails, status: "completed" }]);
    await h.drain();
    assert.equal(await h.status(s.id), "complete/complete", "the fire-and-forget child is not waited for");
    assert.ok(w);
  });
});
