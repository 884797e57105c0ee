// BACKBEAT_SESSION_HOURS: how long an operator session lasts (default 12), a whole number >= 1.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readEnv } from "../src/env.ts";

describe("BACKBEAT_SESSION_HOURS", () => {
  it("defaults to 12 and takes a whole number of hours", () => {
    assert.equal(readEnv({}).sessionHours, 12);
    assert.equal(readEnv({ BACKBEAT_SESSION_HOURS: "2" }).sessionHours, 2);
  });

  it("refuses 0, fractions and words at start", () => {
    for (const bad of ["0", "1.5", "soon", "-3"]) {
      assert.throws(() => readEnv({ BACKBEAT_SESSION_HOURS: bad }), /BACKBEAT_SESSION_HOURS/, bad);
    }
  });
});
