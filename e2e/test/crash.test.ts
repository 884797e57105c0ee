// Crash safety (PRODUCT.md #2) with real processes: two engines share the work of 200 fanned-out
// workflows; once ~30% of the deliveries have arrived one engine is killed with SIGKILL (whatever it
// was doing: jobs mid-transaction, calls queued or in flight) and a fresh one is started. Every
// workflow still finishes, nothing is left stuck, and no node is reported complete twice.
// Re-deliveries are allowed (a dead engine's lease runs out); the client is idempotent.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { query, sql } from "@backbeat/db";
import {
  killAllEngineProcesses,
  logSummary,
  pollUntil,
  startEngineProcess,
  type EngineProcess,
} from "../src/cluster.ts";
import {
  CHILD_MODES,
  completeAuditCounts,
  createWorkload,
  isQuiescent,
  nodeAttempts,
  progress,
  statusHistogram,
  stuckNodes,
  type Workload,
} from "../src/workload.ts";

const WORKFLOWS = 200;
const EXPECTED_NODES = WORKFLOWS * (1 + CHILD_MODES.length);
const KILL_AFTER_POSTS = Math.round(EXPECTED_NODES * 0.3);
// The killed engine's calls are taken over when their lease ends, so the lease stays short; the
// HTTP timeout keeps headroom over a busy client that reports inside the POST (~1.5 s seen), as a
// timed-out delivery would be retried only after its retry interval.
const ENGINE_ENV = { BACKBEAT_HTTP_TIMEOUT_MS: "4000", BACKBEAT_LEASE_MS: "6000" };

describe("an engine process killed mid-run", () => {
  let w: Workload;
  const engines: EngineProcess[] = [];

  before(async () => {
    w = await createWorkload();
    engines.push(
      ...(await Promise.all([
        startEngineProcess("engine-a", w.database.url, ENGINE_ENV),
        startEngineProcess("engine-b", w.database.url, ENGINE_ENV),
      ])),
    );
  });
  after(async () => {
    await killAllEngineProcesses();
    await w?.settled();
    await w?.close();
  });

  it("loses nothing: every workflow completes, each node is completed exactly once", async () => {
    const started = performance.now();
    const victim = engines[0]!;

    // Once the threshold is reached, the victim is killed while one of its POSTs is in flight: the
    // client holds that request, kills the engine, and reports the node only after another engine
    // has re-delivered it (the victim's lease ran out). A fresh engine then joins.
    const held = { armed: false, crash: null as Promise<void> | null, nodeId: "", redelivered: false };
    w.onDelivery = async (d) => {
      if (!held.armed || held.crash) return undefined;
      const [call] = await query<{ owner: string | null }>(
        w.engine.sql,
        sql`
        SELECT locked_by AS owner FROM outbound_calls WHERE node_id = ${d.nodeId}::uuid AND kind = 'deliver'`,
      );
      if (!call || call.owner !== victim.owner || held.crash) return undefined;
      held.nodeId = d.nodeId;
      held.crash = crashVictim();
      await held.crash;
      return { reportAfter: w.postsOf(d.nodeId, 2, 30_000).then((ok) => (held.redelivered = ok)) };
    };
    const crashVictim = async () => {
      await victim.kill();
      const at = await progress(w.engine);
      console.log(`killed ${victim.name} (SIGKILL) after ${w.fake.requests.length} POSTs: ${JSON.stringify(at)}`);
      engines.push(await startEngineProcess("engine-c", w.database.url, ENGINE_ENV));
    };

    const signalling = w.signalWorkflows(WORKFLOWS);
    assert.ok(await pollUntil(async () => w.fake.requests.length >= KILL_AFTER_POSTS, 60_000, 5), "deliveries arrive");
    held.armed = true;
    assert.ok(
      await pollUntil(async () => held.crash !== null, 30_000, 5),
      `a POST of ${victim.name} arrived after the threshold`,
    );
    await held.crash;
    assert.equal((await signalling).length, WORKFLOWS);
    assert.equal(await victim.exited, "SIGKILL");

    const done = await pollUntil(async () => isQuiescent(await progress(w.engine), EXPECTED_NODES), 90_000);
    await w.settled();
    const elapsed = Math.round(performance.now() - started);
    const p = await progress(w.engine);
    assert.ok(
      done,
      `not finished after 90 s: ${JSON.stringify(p)} ${JSON.stringify(await statusHistogram(w.engine))} ` +
        `${JSON.stringify(await stuckNodes(w.engine))} client errors: ${JSON.stringify(w.counters.errors.slice(0, 5))}`,
    );

    // Every node, signals included, is complete/complete; no job or outbound call is left.
    assert.deepEqual(await statusHistogram(w.engine), { "complete/complete": EXPECTED_NODES });
    assert.equal(p.signalsDone, WORKFLOWS);
    assert.equal(p.jobs, 0);
    assert.equal(p.outbound, 0);

    // No node was completed twice: exactly one server and one client audit row into complete.
    const completes = await completeAuditCounts(w.engine);
    assert.equal(completes.length, EXPECTED_NODES);
    assert.deepEqual(
      completes.filter((r) => r.server !== 1 || r.client !== 1),
      [],
    );

    // The client saw no unexpected error; re-deliveries and CONFLICTs are allowed after a crash.
    const c = w.counters;
    assert.deepEqual(c.errors, []);
    const attempts = await nodeAttempts(w.engine);
    const neverPosted = [...attempts.keys()].filter((id) => !c.postsByNode.has(id));
    assert.deepEqual(neverPosted, [], "every node reached the client");
    assert.ok(
      held.redelivered,
      `the call ${victim.name} had in flight (node ${held.nodeId}) was re-delivered after its lease`,
    );
    assert.ok(c.duplicates >= 1);
    const redelivered = [...c.postsByNode.values()].filter((n) => n > 1).length;
    const retried = [...attempts.values()].filter((a) => a > 1).length;
    console.log(
      `crash: ${EXPECTED_NODES} nodes complete in ${elapsed} ms; ${w.fake.requests.length} POSTs, ` +
        `${redelivered} nodes re-delivered (${c.duplicates} duplicate POSTs ignored), ${retried} nodes retried, ` +
        `${c.conflicts.length} CONFLICT reports; slowest report inside a POST ${c.slowestInlineMs} ms`,
    );

    // The survivors stop gracefully.
    for (const e of engines.filter((x) => x !== victim)) {
      const stats = await e.stop();
      console.log(`${e.name}: ${JSON.stringify(stats)} log: ${JSON.stringify(logSummary(e.lines))}`);
      assert.equal(await e.exited, 0, `${e.name} exited cleanly`);
    }
    console.log(`${victim.name} (killed) log: ${JSON.stringify(logSummary(victim.lines))}`);
  });
});
