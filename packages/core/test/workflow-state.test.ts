// The workflow state's order of precedence: failed, paused, complete, waiting on a timer, running.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { workflowStateOf, type WorkflowStateFacts } from "../src/index.ts";

const none: WorkflowStateFacts = { failed: false, paused: false, unfinished: false, timer: false, busy: false };

describe("workflowStateOf", () => {
  it("a failed node wins over everything, a pause over the rest", () => {
    assert.equal(workflowStateOf({ failed: true, paused: true, unfinished: true, timer: true, busy: true }), "failed");
    assert.equal(workflowStateOf({ ...none, paused: true, unfinished: true, timer: true }), "paused");
    assert.equal(workflowStateOf({ ...none, paused: true }), "paused");
  });

  it("complete when no node is unfinished (also with no node at all)", () => {
    assert.equal(workflowStateOf(none), "complete");
  });

  it("waiting on a timer only when no unfinished node is busy", () => {
    assert.equal(workflowStateOf({ ...none, unfinished: true, timer: true }), "waiting");
    assert.equal(workflowStateOf({ ...none, unfinished: true, timer: true, busy: true }), "running");
    assert.equal(workflowStateOf({ ...none, unfinished: true }), "running", "only pending nodes, no timer");
    assert.equal(workflowStateOf({ ...none, unfinished: true, busy: true }), "running");
  });
});
