// Which reports end the client's work on a node: a pull worker's slot for it is free once applied.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { endsClientWork, keepsAwaitingClient, STATUS_REPORTS } from "../src/index.ts";

describe("endsClientWork", () => {
  it("is true for every report but PROCESSING", () => {
    for (const report of STATUS_REPORTS) assert.equal(endsClientWork(report), report !== "processing", report);
  });

  it("agrees with the statuses that keep a node waiting for its client", () => {
    const clientStatusAfter = { processing: "processing", completed: "complete", errored: "errored" } as const;
    for (const [report, status] of Object.entries(clientStatusAfter))
      assert.equal(endsClientWork(report as keyof typeof clientStatusAfter), !keepsAwaitingClient("client", status));
  });
});
