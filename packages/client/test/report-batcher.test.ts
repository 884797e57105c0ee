// The SDK's report batches: reports made in one event-loop turn leave together; later ones wait for
// the batch on its way and then go together.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ReportBatcher, type NodeReport, type ReportResult } from "../src/report-batcher.ts";

const ok = (r: NodeReport): ReportResult => ({
  nodeId: r.nodeId,
  ok: true,
  serverStatus: "COMPLETE",
  clientStatus: "COMPLETE",
  attempt: 1,
  error: null,
});

describe("ReportBatcher", () => {
  it("sends the reports of one turn in one batch, and what comes while it is on its way in the next", async () => {
    const batches: string[][] = [];
    let release: () => void = () => {};
    const batcher = new ReportBatcher(async (reports) => {
      batches.push(reports.map((r) => r.nodeId));
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return reports.map(ok);
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
});
