import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { shortSubject } from "../src/lib/format";

describe("shortSubject", () => {
  it("writes an object's keys without braces", () => {
    assert.equal(shortSubject({ order: 1042, customer: "ada" }), 'order: 1042, customer: "ada"');
  });
  it("cuts a long subject with an ellipsis, whole characters only", () => {
    const cut = shortSubject({ note: "é".repeat(100) }, 20);
    assert.equal([...cut].length, 20);
    assert.ok(cut.endsWith("…"));
  });
  it("writes other JSON as JSON", () => {
    assert.equal(shortSubject([1, 2]), "[1,2]");
    assert.equal(shortSubject("x"), '"x"');
    assert.equal(shortSubject({}), "{}");
    assert.equal(shortSubject(null), "null");
  });
});
