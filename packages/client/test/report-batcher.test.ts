// The SDK's report batches: reports made in one event-loop turn leave together; later ones wait for
// the batch on its way and then go together.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ReportBatcher } from "../src/report-batcher.ts";
import { applied } from "./report-results.ts";

describe("ReportBatcher", () => {
  it("sends the reports of one turn in one batch, and what comes while it is on its way in the next", async () => {
    const batches: string[][] = [];
    let release: () => void = () => {};
    const batcher = new ReportBatcher(async (reports) => {
      batches.push(reports.map((r) => r.nodeId));
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return reports.map(applied);
    });
    const first = ["a", "b", "c"].map((nodeId) => batcher.report({ nodeId, status: "COMPLETED" }));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(batches, [["a", "b", "c"]]);
    const later = ["d", "e"].map((nodeId) => batcher.report({ nodeId, status: "COMPLETED" }));
    await new Promise((r) => setImmediate(r));
    assert.equal(batches.length, 1, "nothing else leaves while a batch is on its way");
    release();
    await Promise.all([...first, ...later]);
    assert.deepEqual(batches, [
      ["a", "b", "c"],
      ["d", "e"],
    ]);
  });

  it("after an answer, waits for the end of that turn: the reports of nodes that came with the answer go in the same batch", async () => {
    const batches: string[][] = [];
    let answer: () => void = () => {};
    const pending: Promise<void>[] = [];
    const batcher = new ReportBatcher(async (reports) => {
      batches.push(reports.map((r) => r.nodeId));
      if (batches.length === 1) {
        await new Promise<void>((r) => (answer = r));
        // What the server sent with the answer (the nodes of the slots it freed) runs in this turn,
        // its handler finishing a few promise steps after the answer is read.
        void (async () => {
          for (let step = 0; step < 20; step++) await Promise.resolve();
          pending.push(batcher.report({ nodeId: "refill", status: "COMPLETED" }));
        })();
      }
      return reports.map(applied);
    });
    pending.push(batcher.report({ nodeId: "a", status: "COMPLETED" }));
    await new Promise((r) => setImmediate(r));
    pending.push(batcher.report({ nodeId: "held back", status: "COMPLETED" }));
    answer();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    await Promise.all(pending);
    assert.deepEqual(batches, [["a"], ["held back", "refill"]]);
  });
});
