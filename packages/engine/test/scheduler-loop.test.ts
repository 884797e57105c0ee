// The running scheduler (not drain()): work added by any transaction wakes it through
// LISTEN/NOTIFY at once, although its safety sweep is 30 s; and once everything is done it makes
// no queries at all until the next due time.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type pg from "pg";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { newWorkflow } from "./support.ts";

/** Counts every statement and connection checkout on the engine's pool. */
function countPoolUse(pool: pg.Pool): { count: () => number } {
  let n = 0;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: unknown }).query = (...args: unknown[]) => (n++, query(...args));
  (pool as unknown as { connect: unknown }).connect = (...args: unknown[]) => (n++, connect(...args));
  return { count: () => n };
}

describe("the scheduler loop", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ config: { safetySweepMs: 30_000 } });
    await h.engine.scheduler.start();
  });
  after(() => h.close());

  it("a new signal is delivered within moments: NOTIFY wakes the idle loops", async () => {
    const w = await newWorkflow(h, "loop");
    const started = performance.now();
    await h.engine.signalWorkflow(h.caller, w.id, { name: "wake-up" });
    await h.fake.waitForRequests(1);
    const ms = performance.now() - started;
    assert.ok(ms < 2_000, `delivered after ${ms.toFixed(0)} ms; without a wake-up it would wait for the 30 s sweep`);
    assert.equal(h.fake.requests[0]!.body.decision.name, "wake-up");
  });

  it("an idle engine makes no queries between sweeps", async () => {
    const pool = countPoolUse(h.engine.sql);
    // Let the loops finish what the previous test left (settling the delivered call) and go to sleep.
    let quiet = 0;
    for (let round = 0; round < 30 && quiet < 3; round++) {
      const before = pool.count();
      await new Promise((resolve) => setTimeout(resolve, 100));
      quiet = pool.count() === before ? quiet + 1 : 0;
    }
    assert.equal(quiet, 3, "the engine never went quiet");
    const before = pool.count();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(pool.count() - before, 0, "queries were made while idle");
  });
});
