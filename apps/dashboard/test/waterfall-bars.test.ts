import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { waterfallBars } from "../src/app/(signed-in)/workflows/[id]/waterfall-bars";
import type { TreeNode } from "../src/lib/tree-node";

const T0 = Date.parse("2026-12-06T10:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

function node(
  id: string,
  parentId: string | null,
  serverStatus: string,
  created: number,
  fires: number,
  updated: number,
): TreeNode {
  return {
    id,
    parentId,
    name: id,
    mode: "BLOCKING",
    type: "ACTIVITY",
    serverStatus: serverStatus as TreeNode["serverStatus"],
    clientStatus: "COMPLETE",
    firesAt: at(fires),
    retriesRemaining: 0,
    completeBy: null,
    attempt: 1,
    createdAt: at(created),
    updatedAt: at(updated),
  };
}

describe("waterfallBars", () => {
  it("places each node from its creation, its wait apart, to its last change or now", () => {
    const nodes = [
      node("a", null, "COMPLETE", 0, 0, 400),
      node("b", "a", "COMPLETE", 100, 1_100, 1_300),
      node("c", "a", "SENT_TO_CLIENT", 200, 200, 250),
    ];
    const { bars, span } = waterfallBars(new Map(nodes.map((n) => [n.id, n])), ["a", "b", "c"], T0 + 2_000);
    assert.deepEqual(
      bars.map(({ depth, start, wait, end, finished }) => ({ depth, start, wait, end, finished })),
      [
        { depth: 0, start: 0, wait: 0, end: 400, finished: true },
        { depth: 1, start: 100, wait: 1_000, end: 1_300, finished: true },
        { depth: 1, start: 200, wait: 0, end: 2_000, finished: false },
      ],
    );
    assert.equal(span, 2_000);
  });
  it("ends a failed node's bar at its failure", () => {
    const failed = node("f", null, "RETRIES_EXHAUSTED", 0, 0, 700);
    const { bars } = waterfallBars(new Map([["f", failed]]), ["f"], T0 + 60_000);
    assert.equal(bars[0]?.end, 700);
    assert.equal(bars[0]?.finished, true);
  });
  it("is empty without nodes", () => {
    assert.deepEqual(waterfallBars(new Map(), [], T0), { bars: [], span: 0, origin: 0 });
  });
});
