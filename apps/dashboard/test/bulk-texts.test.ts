import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BULK_LIMIT, bulkPreviewText, bulkResultText } from "../src/app/(signed-in)/nodes/bulk-texts";

describe("bulk action texts", () => {
  it("announce the whole set when one run covers it", () => {
    assert.equal(bulkPreviewText("RETRY", 3, ["a", "b", "c"]), "This will restart 3 errored nodes: a, b, c");
    assert.equal(bulkPreviewText("CANCEL", 1, ["a"]), "This will cancel 1 errored node: a");
    assert.equal(bulkPreviewText("RETRY", 0, []), "No errored node matches this search: nothing to restart.");
    assert.equal(bulkResultText("RETRY", 3, { matched: 3, succeeded: 3, failed: [] }), "3 of 3 nodes restarted.");
  });

  // The server takes at most 1000 nodes per bulkAction call: "restart 1500" followed by "1000 of 1000 nodes
  // restarted." told the operator the job was done while 500 errored nodes were never touched.
  it("say that a set larger than one run is done only in part, before and after", () => {
    const preview = bulkPreviewText("RETRY", BULK_LIMIT + 500, ["a", "b"]);
    assert.match(preview, /^This will restart the oldest 1000 of 1500 errored nodes/);
    const result = bulkResultText("RETRY", BULK_LIMIT + 500, {
      matched: BULK_LIMIT,
      succeeded: BULK_LIMIT,
      failed: [],
    });
    assert.equal(
      result,
      "1000 of 1000 nodes restarted. 500 more matched and were not touched (at most 1000 per run): preview again to restart them.",
    );
  });

  it("lists the first failures", () => {
    const failed = Array.from({ length: 12 }, (_, i) => ({ nodeId: `n${i}`, code: "CONFLICT", message: "moved on" }));
    const text = bulkResultText("CANCEL", 12, { matched: 12, succeeded: 0, failed });
    assert.ok(text.startsWith("0 of 12 nodes canceled. 12 failed: n0 (CONFLICT: moved on); "), text);
    assert.ok(text.endsWith("n9 (CONFLICT: moved on); …"), text);
  });
});
