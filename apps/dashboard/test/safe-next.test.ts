import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeNextPath } from "../src/lib/safe-next";

const DASHBOARD = "http://localhost:3107/";

/** Where a browser on the dashboard goes when redirected to `location`. */
function landsOn(location: string): string {
  return new URL(location, DASHBOARD).origin;
}

describe("safeNextPath (the ?next= of /signin)", () => {
  it("keeps paths of the dashboard, with their query and hash", () => {
    assert.equal(safeNextPath("/workflows?name=camera+purchase"), "/workflows?name=camera+purchase");
    assert.equal(safeNextPath("/workflows/1?node=2#panel"), "/workflows/1?node=2#panel");
    assert.equal(safeNextPath("/"), "/");
  });

  it("sends anything that would leave the dashboard to the overview", () => {
    const attempts = [
      "//evil.example/",
      "/\\evil.example/",
      // Browsers drop tabs and newlines from URLs: these became "//evil.example/" and left the site.
      "/\t/evil.example/",
      "/\n/evil.example/",
      "/\r\n/evil.example/",
      "/\t\\evil.example/",
      "/..//evil.example/",
      "/%2e%2e//evil.example/",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "",
    ];
    for (const next of attempts) {
      const kept = safeNextPath(next);
      assert.equal(landsOn(kept), new URL(DASHBOARD).origin, `${JSON.stringify(next)} → ${JSON.stringify(kept)}`);
      assert.equal(kept, "/", JSON.stringify(next));
    }
  });

  it("refuses what is not a string (a File from a forged form)", () => {
    assert.equal(safeNextPath(null), "/");
    assert.equal(safeNextPath(new Blob(["/workflows"])), "/");
  });
});
