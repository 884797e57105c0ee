// The server caps V8's heap growing factor at 2x (heap-growth.ts) unless node was given its own.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { boundHeapGrowth } from "../src/heap-growth.ts";

describe("the server's heap growth", () => {
  it("is set when node was given no heap growing factor", () => {
    assert.equal(boundHeapGrowth({}, ["--enable-source-maps"]), true);
  });

  it("is left to an operator's own flag, on the command line or in NODE_OPTIONS", () => {
    assert.equal(boundHeapGrowth({}, ["--heap-growing-percent=50"]), false);
    assert.equal(boundHeapGrowth({ NODE_OPTIONS: "--max-old-space-size=512 --heap_growing_percent=30" }, []), false);
  });
});
