import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TreeNode } from "../src/lib/tree-node";
import { visibleRows } from "../src/app/(signed-in)/workflows/[id]/visible-rows";

function node(id: string, parentId: string | null): TreeNode {
  return {
    id,
    parentId,
    name: `n${id}`,
    mode: "BLOCKING",
    type: "ACTIVITY",
    serverStatus: "READY",
    clientStatus: "READY",
    firesAt: "2026-11-29T00:00:00.000Z",
    retriesRemaining: 4,
    completeBy: null,
    attempt: 0,
    createdAt: "2026-11-29T00:00:00.000Z",
    updatedAt: "2026-11-29T00:00:00.000Z",
  };
}

function store(nodes: TreeNode[]) {
  return { map: new Map(nodes.map((n) => [n.id, n])), order: nodes.map((n) => n.id) };
}

describe("visibleRows", () => {
  const { map, order } = store([node("1", null), node("2", "1"), node("3", "2"), node("4", "1"), node("5", null)]);

  it("lists the tree depth-first in creation order, with depths and child counts", () => {
    const rows = visibleRows(map, order, new Set());
    assert.deepEqual(
      rows.map((r) => [r.node.id, r.depth, r.childCount]),
      [
        ["1", 0, 2],
        ["2", 1, 1],
        ["3", 2, 0],
        ["4", 1, 0],
        ["5", 0, 0],
      ],
    );
  });

  it("hides the subtree of a collapsed node but keeps the node", () => {
    const rows = visibleRows(map, order, new Set(["1"]));
    assert.deepEqual(
      rows.map((r) => r.node.id),
      ["1", "5"],
    );
    assert.equal(rows[0]?.childCount, 2);
  });

  it("shows a node whose parent is not known yet at the top level instead of losing it", () => {
    const orphan = store([node("1", null), node("9", "missing")]);
    assert.deepEqual(
      visibleRows(orphan.map, orphan.order, new Set()).map((r) => [r.node.id, r.depth]),
      [
        ["1", 0],
        ["9", 0],
      ],
    );
  });

  it("flattens 10,000 children quickly", () => {
    const many = store([node("root", null), ...Array.from({ length: 10_000 }, (_, i) => node(`c${i}`, "root"))]);
    const started = performance.now();
    const rows = visibleRows(many.map, many.order, new Set());
    assert.equal(rows.length, 10_001);
    assert.equal(rows.at(-1)?.node.id, "c9999");
    assert.ok(performance.now() - started < 500, "flattening 10,001 nodes took too long");
  });
});
