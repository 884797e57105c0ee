import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatDuration, workflowState } from "../src/lib/workflow-state";

const T0 = Date.parse("2026-12-06T10:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();
const node = (serverStatus: string, clientStatus: string, firesAt = at(0), updatedAt = at(1_000)) => ({
  serverStatus,
  clientStatus,
  firesAt,
  updatedAt,
});
const wf = { paused: false, complete: false, createdAt: at(0) };

describe("workflowState", () => {
  it("failed wins over everything, and counts the failed nodes", () => {
    const s = workflowState(
      [node("RETRIES_EXHAUSTED", "ERRORED"), node("SENT_TO_CLIENT", "PROCESSING"), node("COMPLETE", "COMPLETE")],
      { ...wf, paused: true },
      T0 + 5_000,
    );
    assert.equal(s.state, "failed");
    assert.equal(s.label, "failed — needs attention");
    assert.deepEqual(s.counts, { total: 3, finished: 1, failed: 1, running: 1 });
  });
  it("paused: the workflow or a node", () => {
    assert.equal(workflowState([node("SENT_TO_CLIENT", "RECEIVED")], { ...wf, paused: true }, T0).state, "paused");
    assert.equal(workflowState([node("PAUSED", "READY")], wf, T0).state, "paused");
  });
  it("done: the duration runs to the last change", () => {
    const s = workflowState([node("COMPLETE", "COMPLETE", at(0), at(2_500))], wf, T0 + 60_000);
    assert.equal(s.state, "complete");
    assert.equal(s.label, "all nodes done");
    assert.equal(s.durationMs, 2_500);
    assert.equal(workflowState([], { ...wf, complete: true }, T0).label, "complete");
  });
  it("waiting on a timer: every unfinished node waits for its time or its parent", () => {
    const s = workflowState(
      [node("STARTED", "READY", at(90_000)), node("PENDING", "PENDING"), node("COMPLETE", "COMPLETE")],
      wf,
      T0 + 10_000,
    );
    assert.equal(s.state, "waiting");
    assert.equal(s.until, at(90_000));
    assert.equal(s.durationMs, 10_000);
  });
  it("running otherwise", () => {
    assert.equal(
      workflowState([node("STARTED", "READY", at(90_000)), node("SENT_TO_CLIENT", "PROCESSING")], wf, T0).state,
      "running",
    );
    assert.equal(workflowState([node("READY", "READY", at(0))], wf, T0 + 1).state, "running");
  });
});

describe("formatDuration", () => {
  it("reads at every scale", () => {
    assert.equal(formatDuration(250), "250 ms");
    assert.equal(formatDuration(1_234), "1.2 s");
    assert.equal(formatDuration(125_000), "2 min 5 s");
    assert.equal(formatDuration(3 * 3_600_000 + 20 * 60_000), "3 h 20 min");
    assert.equal(formatDuration(2 * 86_400_000 + 3_600_000), "2 d 1 h");
  });
});
