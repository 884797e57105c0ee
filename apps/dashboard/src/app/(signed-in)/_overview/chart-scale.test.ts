import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hourMinute, yTicks } from "./chart-scale";

describe("the throughput chart's y axis", () => {
  it("has a unit axis when nothing happened", () => {
    assert.deepEqual(yTicks(0), [0, 1]);
  });

  it("counts in ones for small numbers", () => {
    assert.deepEqual(yTicks(3), [0, 1, 2, 3]);
  });

  it("rounds the top up to a step of 1, 2 or 5 times a power of ten", () => {
    assert.deepEqual(yTicks(8), [0, 2, 4, 6, 8]);
    assert.deepEqual(yTicks(9), [0, 5, 10]);
    assert.deepEqual(yTicks(14), [0, 5, 10, 15]);
    assert.deepEqual(yTicks(730), [0, 200, 400, 600, 800]);
  });

  it("always covers the busiest minute", () => {
    for (let max = 1; max < 5000; max += 37) {
      const ticks = yTicks(max);
      assert.ok(ticks[ticks.length - 1]! >= max, `max ${max}: ${ticks.join(",")}`);
      assert.ok(ticks.length <= 6, `max ${max}: ${ticks.length} ticks`);
    }
  });
});

describe("minute labels", () => {
  it("are the UTC hour and minute", () => {
    assert.equal(hourMinute("2026-11-29T21:07:00.000Z"), "21:07");
    assert.equal(hourMinute("2026-11-29T23:59:59+02:00"), "21:59");
  });
});
