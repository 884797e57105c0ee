// Invalid and stale status changes (reference §3.2–§3.3, PRODUCT.md #4): refused with CONFLICT
// (carrying the current and attempted status), and nothing at all is written.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { StaleTransitionError } from "@backbeat/core";
import { listNodeHistory, transitionNode } from "@backbeat/db";
import { actorOf } from "../src/caller.ts";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { inTransaction } from "../src/transaction.ts";
import { audit, newWorkflow, rejectsWith, sentSignal, snapshot } from "./support.ts";

describe("invalid and stale transitions", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  /** Asserts a report is refused with CONFLICT and leaves the workflow exactly as it was. */
  async function refused(
    workflowId: string,
    nodeId: string,
    status: string,
    current: string,
    attempted: string,
    opts: { response?: unknown; drain?: boolean } = {},
  ) {
    const before = await snapshot(h, workflowId);
    const e = await rejectsWith(h.engine.reportNodeStatus(h.caller, nodeId, status, opts.response), "CONFLICT");
    assert.equal(e.currentStatus, current, `${status}: currentStatus`);
    assert.equal(e.attemptedStatus, attempted, `${status}: attemptedStatus`);
    assert.match(String(e.message), new RegExp(`${current}.*${attempted}`));
    assert.deepEqual(await snapshot(h, workflowId), before, `${status}: nothing changed`);
    if (opts.drain === false) return e; // work of the earlier, accepted report is still due
    await h.drain();
    assert.deepEqual(await snapshot(h, workflowId), before, `${status}: nothing was scheduled either`);
    return e;
  }

  it("completed on a ready node (never sent) is refused", async () => {
    const w = await newWorkflow(h);
    await sentSignal(h, w.id, { name: "running" });
    const queued = await h.engine.signalWorkflow(h.caller, w.id, { name: "queued" });
    await h.drain();
    assert.equal(await h.status(queued.id), "ready/ready");
    const e = await refused(w.id, queued.id, "completed", "ready", "complete");
    assert.equal(e.statusType, "client");
    await refused(w.id, queued.id, "processing", "ready", "processing");
    await refused(w.id, queued.id, "resolved", "ready", "resolved");
    await refused(w.id, queued.id, "shutdown", "ready", "shutdown");
  });

  it("errored on a node that was never sent is refused as a whole (no client status written first)", async () => {
    const w = await newWorkflow(h);
    await sentSignal(h, w.id, { name: "running" });
    const queued = await h.engine.signalWorkflow(h.caller, w.id, { name: "queued" });
    await h.drain();
    // The client step (ready → errored) is allowed, the server step (ready → retrying) is not:
    // the original wrote the first and crashed on the second (reference §11.2 #3).
    const e = await refused(w.id, queued.id, "errored", "ready", "retrying");
    assert.equal(e.statusType, "server");
    assert.equal(await h.status(queued.id), "ready/ready");
  });

  /** Asserts a report succeeds and leaves the workflow exactly as it was (a repeat after a lost answer). */
  async function repeated(workflowId: string, nodeId: string, status: string, attempt?: number) {
    const before = await snapshot(h, workflowId);
    await h.engine.reportNodeStatus(h.caller, nodeId, status, undefined, attempt);
    assert.deepEqual(await snapshot(h, workflowId), before, `${status}: nothing changed`);
    await h.drain();
    assert.deepEqual(await snapshot(h, workflowId), before, `${status}: nothing was scheduled either`);
  }

  it("completed after completed succeeds again and changes nothing (a repeated report)", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const node = await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    // Nothing to wait for: it completes in the same step.
    assert.equal(await h.status(s.id), "complete/complete");
    await repeated(w.id, s.id, "completed");
    await repeated(w.id, s.id, "completed", node.attempt);
    // Another attempt's report is still refused.
    await rejectsWith(h.engine.reportNodeStatus(h.caller, s.id, "completed", undefined, node.attempt + 1), "CONFLICT");
  });

  it("errored on a complete node is refused (complete → errored is forbidden)", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await refused(w.id, s.id, "errored", "complete", "errored", {
      response: { error: { message: "late" } },
      drain: false,
    });
    await h.drain();
    await refused(w.id, s.id, "errored", "complete", "errored");
    await refused(w.id, s.id, "processing", "complete", "processing");
  });

  it("a second errored report while the node waits to retry, or after it is exhausted, is refused", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id, { retry: 2 });
    await h.engine.reportNodeStatus(h.caller, s.id, "errored");
    assert.equal(await h.status(s.id), "retrying/errored");
    const e = await refused(w.id, s.id, "errored", "retrying", "retrying");
    assert.equal(e.statusType, "server");
    assert.equal((await h.node(s.id)).retriesRemaining, 1, "the refused report used no retry");

    for (const expected of ["retrying/errored", "retries_exhausted/errored"]) {
      h.clock.set((await h.node(s.id)).firesAt);
      await h.drain();
      await h.engine.reportNodeStatus(h.caller, s.id, "errored");
      assert.equal(await h.status(s.id), expected);
    }
    await h.drain();
    await refused(w.id, s.id, "errored", "retries_exhausted", "retries_exhausted");
    assert.equal(h.fake.at("/notifications").filter((r) => r.body.activity.id === s.id).length, 1, "notified once");
  });

  it("processing twice succeeds and changes nothing (a repeated report)", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    await h.engine.reportNodeStatus(h.caller, s.id, "processing");
    await repeated(w.id, s.id, "processing");
  });

  it("resolved or shutdown on a node that did not fail is refused", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    await refused(w.id, s.id, "resolved", "received", "resolved");
    await refused(w.id, s.id, "shutdown", "received", "shutdown");
  });

  for (const terminal of ["resolved", "shutdown"] as const) {
    it(`every report on a ${terminal.toUpperCase()} node is refused`, async () => {
      const w = await newWorkflow(h);
      const s = await sentSignal(h, w.id, { retry: 0 });
      await h.engine.reportNodeStatus(h.caller, s.id, "errored");
      await h.engine.reportNodeStatus(h.caller, s.id, terminal);
      assert.equal(await h.status(s.id), `complete/${terminal}`);
      for (const [report, attempted] of [
        ["processing", "processing"],
        ["completed", "complete"],
        ["errored", "errored"],
        ["resolved", "resolved"],
        ["shutdown", "shutdown"],
      ] as const) {
        // The same report again is a repeat (it succeeds, changing nothing); any other is refused.
        if (report === terminal) await repeated(w.id, s.id, report);
        else await refused(w.id, s.id, report, terminal, attempted);
      }
      // Nor can it be restarted.
      await rejectsWith(h.engine.restartNode(h.operator, s.id), "CONFLICT");
    });
  }

  it("a stale write (statuses changed since they were read) is CONFLICT and writes nothing", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const stale = await h.node(s.id);
    await h.engine.reportNodeStatus(h.caller, s.id, "processing");
    const rowsBefore = await audit(h, s.id);

    let caught: unknown;
    try {
      await inTransaction(h.engine.context, (t) =>
        transitionNode(t.tx, stale, {
          steps: [
            { type: "client", to: "complete" },
            { type: "server", to: "processing_children" },
          ],
          now: t.now,
        }),
      );
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof StaleTransitionError, `got ${String(caught)}`);
    assert.equal(caught.code, "CONFLICT");
    assert.equal(caught.currentStatus, "sent_to_client/processing");
    assert.equal(caught.attemptedStatus, "processing_children/complete");
    assert.equal(await h.status(s.id), "sent_to_client/processing");
    assert.deepEqual(await audit(h, s.id), rowsBefore);
  });

  it("a successful change writes one audit row per changed status, client first, with the response", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    await h.engine.reportNodeStatus(h.caller, s.id, "completed", { result: { ok: true } });
    assert.deepEqual((await audit(h, s.id)).slice(-3), [
      "client:received→complete",
      "server:sent_to_client→processing_children",
      // With no child or link to wait for, it completes in the same statement (the engine's step).
      "server:processing_children→complete",
    ]);
    const rows = (await listNodeHistory(h.engine.sql, s.id)).slice(-3);
    assert.deepEqual(
      rows.map((r) => [r.actor, r.response]),
      [
        [actorOf(h.caller), { result: { ok: true } }],
        [actorOf(h.caller), { result: { ok: true } }],
        ["engine", {}],
      ],
    );
  });
});
