// The running scheduler (not drain()): work added by any transaction wakes it through
// LISTEN/NOTIFY at once, although its safety sweep is 30 s; and once everything is done it makes
// no queries at all until the next due time.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type pg from "pg";
import { findNode } from "@backbeat/db";
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

/** Counts the statements whose text contains `needle`, made on the pool or on a client it lent. */
function countStatements(pool: pg.Pool, needle: string): { count: () => number } {
  let n = 0;
  const textOf = (q: unknown) => (typeof q === "string" ? q : ((q as { text?: string } | null)?.text ?? ""));
  const patched = new WeakSet<object>();
  const patch = (target: { query: unknown }) => {
    if (patched.has(target)) return;
    patched.add(target);
    const query = (target.query as (...args: unknown[]) => unknown).bind(target);
    target.query = (...args: unknown[]) => {
      if (textOf(args[0]).includes(needle)) n++;
      return query(...args);
    };
  };
  patch(pool);
  // pool.query itself checks out clients with connect(callback): both forms get a counted client.
  type Lent = { query: unknown };
  type Callback = (error: Error | undefined, client: Lent | undefined, done: unknown) => void;
  const connect = pool.connect.bind(pool) as (callback?: Callback) => Promise<Lent> | undefined;
  (pool as unknown as { connect: unknown }).connect = (callback?: Callback) => {
    if (callback) {
      return connect((error, client, done) => {
        if (client) patch(client);
        callback(error, client, done);
      });
    }
    return connect()!.then((client) => (patch(client), client));
  };
  return { count: () => n };
}

/** Waits (at most `rounds` × 100 ms) until no statement has been made on the pool for 300 ms. */
async function untilQuiet(pool: pg.Pool, rounds = 50): Promise<void> {
  const all = countPoolUse(pool);
  let quiet = 0;
  for (let round = 0; round < rounds && quiet < 3; round++) {
    const before = all.count();
    await new Promise((resolve) => setTimeout(resolve, 100));
    quiet = all.count() === before ? quiet + 1 : 0;
  }
  assert.equal(quiet, 3, "the engine never went quiet");
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

  it("a new job wakes one job loop, not every one: an idle engine looks for jobs a few times per signal", async () => {
    await untilQuiet(h.engine.sql);
    const polls = countStatements(h.engine.sql, "FROM jobs");
    const w = await newWorkflow(h, "loop");
    await h.engine.signalWorkflow(h.caller, w.id, { name: "one-look" });
    await h.fake.waitForRequests(2);
    await untilQuiet(h.engine.sql);
    // The woken loop claims the pass, looks again (nothing), asks when the next job is due, sleeps;
    // the other loops sleep on. Every loop looking (twice each) for each wake would be 12 or more.
    assert.ok(polls.count() <= 6, `${polls.count()} statements about jobs for one signal`);
  });

  it("a pulled node's deadline is watched from its sending, although nothing else wakes the engine", async () => {
    const pull = await h.engine.createClient({ name: "deadline-puller" });
    const caller = { kind: "client" as const, clientId: pull.client.id };
    const w = await newWorkflow(h, "deadline", caller);
    const node = await h.engine.signalWorkflow(caller, w.id, { name: "never-pulled", clientData: { timeout: 1 } });
    const bound = performance.now() + 10_000;
    for (let sent = false; !sent;) {
      assert.ok(performance.now() < bound, "the signal was never sent to its client");
      sent = (await findNode(h.engine.sql, node.id))?.serverStatus === "sent_to_client";
      if (!sent) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The deadline passes on the engine's clock; its loop must already know when to look.
    h.clock.advance(2_000);
    for (let expired = false; !expired;) {
      // Well before the 30 s safety sweep: the sending woke the loop that watches deadlines.
      assert.ok(performance.now() < bound, "the passed deadline was not noticed");
      expired = (await findNode(h.engine.sql, node.id))?.serverStatus !== "sent_to_client";
      if (!expired) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  it("an idle engine makes no queries between sweeps", async () => {
    // Let the loops finish what the previous test left (settling the delivered call) and go to sleep.
    await untilQuiet(h.engine.sql, 30);
    const pool = countPoolUse(h.engine.sql);
    const before = pool.count();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(pool.count() - before, 0, "queries were made while idle");
  });
});
