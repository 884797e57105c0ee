import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LiveEvent, TreeNode } from "../src/lib/tree-node";
import { applyEvent, applySnapshot, emptyStore } from "../src/app/(signed-in)/workflows/[id]/live-store";

function node(id: string, serverStatus: string, updatedAt = "2026-11-29T10:00:00.000Z"): TreeNode {
  return {
    id,
    parentId: null,
    name: `n${id}`,
    mode: "BLOCKING",
    type: "ACTIVITY",
    // The store compares whatever the server sends; these tests spell statuses lower-case.
    serverStatus: serverStatus as TreeNode["serverStatus"],
    clientStatus: "READY",
    firesAt: "2026-11-29T10:00:00.000Z",
    retriesRemaining: 4,
    completeBy: null,
    attempt: 0,
    createdAt: "2026-11-29T10:00:00.000Z",
    updatedAt,
  };
}

function event(changeId: string, state: TreeNode): LiveEvent {
  return {
    statusChange: {
      id: changeId,
      nodeId: state.id,
      statusType: "SERVER",
      fromStatus: "ready",
      toStatus: state.serverStatus,
      actor: "server",
      createdAt: state.updatedAt,
    },
    node: state,
  };
}

const statusOf = (store: ReturnType<typeof emptyStore>, id: string) => store.nodes.get(id)?.serverStatus;

describe("live store", () => {
  it("ignores events the snapshot already includes (id up to its position), applies later ones", () => {
    const store = emptyStore();
    applySnapshot(store, [node("a", "started")], "10");
    assert.equal(applyEvent(store, event("9", node("a", "ready"))), false);
    assert.equal(applyEvent(store, event("10", node("a", "ready"))), false);
    assert.equal(statusOf(store, "a"), "started");
    assert.equal(applyEvent(store, event("11", node("a", "sent_to_client"))), true);
    assert.equal(statusOf(store, "a"), "sent_to_client");
  });

  it("orders by status change id, not by updatedAt (which can go backwards)", () => {
    const store = emptyStore();
    applySnapshot(store, [node("a", "ready", "2026-11-29T10:00:05.000Z")], "1");
    // A later change stamped earlier (its clock was read before it waited for the row lock).
    assert.equal(applyEvent(store, event("2", node("a", "started", "2026-11-29T10:00:04.000Z"))), true);
    assert.equal(statusOf(store, "a"), "started");
    // The same change delivered again, and an older one, change nothing.
    assert.equal(applyEvent(store, event("2", node("a", "started"))), false);
    assert.equal(applyEvent(store, event("1", node("a", "ready", "2026-11-29T10:00:09.000Z"))), false);
    assert.equal(statusOf(store, "a"), "started");
    // Ids compare as numbers, not as strings.
    assert.equal(applyEvent(store, event("10", node("a", "complete"))), true);
    assert.equal(statusOf(store, "a"), "complete");
  });

  it("a newer snapshot replaces what it includes, keeps what is later than its position", () => {
    const store = emptyStore();
    applySnapshot(store, [node("a", "ready"), node("b", "ready")], "5");
    applyEvent(store, event("8", node("b", "complete")));
    assert.equal(applySnapshot(store, [node("a", "started"), node("b", "started")], "7"), true);
    assert.equal(statusOf(store, "a"), "started");
    assert.equal(statusOf(store, "b"), "complete", "event 8 is later than the snapshot's position 7");
    // Events the refreshed snapshot includes are ignored from now on.
    assert.equal(applyEvent(store, event("6", node("a", "ready"))), false);
    assert.equal(statusOf(store, "a"), "started");
    // The same snapshot again changes nothing.
    assert.equal(applySnapshot(store, [node("a", "started"), node("b", "started")], "7"), false);
  });

  it("keeps creation order from snapshots; nodes only seen live come last", () => {
    const store = emptyStore();
    applySnapshot(store, [node("a", "ready")], "1");
    applyEvent(store, event("3", node("c", "ready")));
    applyEvent(store, event("2", node("b", "ready")));
    assert.deepEqual(store.order, ["a", "c", "b"]);
    applySnapshot(store, [node("a", "ready"), node("b", "ready"), node("c", "ready")], "3");
    assert.deepEqual(store.order, ["a", "b", "c"]);
  });
});
