// Two real engine processes share one database (PRODUCT.md "Stateless server processes"): 200
// workflows with fan-out run to completion, every node is delivered exactly once, and the audit log
// has exactly one row per status change. The test process only plays the client application.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
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
  duplicateAuditRows,
  isQuiescent,
  nodeAttempts,
  progress,
  statusHistogram,
  stuckNodes,
  type Workload,
} from "../src/workload.ts";

const WORKFLOWS = 200;
const EXPECTED_NODES = WORKFLOWS * (1 + CHILD_MODES.length);
// Nothing fails in this test, so no attempt may time out: on 2 busy cores a client that reports
// inside the POST has been seen to take ~1.5 s, too close to the engine script's 2 s default.
const ENGINE_ENV = { BACKBEAT_HTTP_TIMEOUT_MS: "10000", BACKBEAT_LEASE_MS: "15000" };

describe("two engine processes on one database", () => {
  let w: Workload;
  let engines: EngineProcess[] = [];

  before(async () => {
    w = await createWorkload();
    engines = await Promise.all([
      startEngineProcess("engine-a", w.database.url, ENGINE_ENV),
      startEngineProcess("engine-b", w.database.url, ENGINE_ENV),
    ]);
  });
  after(async () => {
    await killAllEngineProcesses();
    await w?.settled();
    await w?.close();
  });

  it("run 200 fanned-out workflows to completion, each node delivered exactly once", async () => {
    const started = performance.now();
    const signals = await w.signalWorkflows(WORKFLOWS);
    assert.equal(signals.length, WORKFLOWS);

    const done = await pollUntil(async () => isQuiescent(await progress(w.engine), EXPECTED_NODES), 90_000);
    await w.settled();
    const elapsed = Math.round(performance.now() - started);
    const p = await progress(w.engine);
    assert.ok(
      done,
      `not finished after 90 s: ${JSON.stringify(p)} ${JSON.stringify(await statusHistogram(w.engine))} ` +
        `${JSON.stringify(await stuckNodes(w.engine))} client errors: ${JSON.stringify(w.counters.errors.slice(0, 5))}`,
    );
    const c = w.counters;
    console.log(
      `concurrency: ${EXPECTED_NODES} nodes complete in ${elapsed} ms; ${c.inlineReports} reported inside the POST ` +
        `(slowest ${c.slowestInlineMs} ms), ${c.asyncReports} after it`,
    );

    // Every node (signals and children) is complete/complete, and no scheduled work is left.
    assert.deepEqual(await statusHistogram(w.engine), { "complete/complete": EXPECTED_NODES });
    assert.equal(p.signalsDone, WORKFLOWS);

    // The client side saw no errors, no conflicts and no re-deliveries; both ways of reporting ran.
    assert.deepEqual(c.errors, []);
    assert.deepEqual(c.conflicts, []);
    assert.equal(c.duplicates, 0, "no node attempt was delivered twice");
    assert.ok(c.inlineReports > 0 && c.asyncReports > 0, "reports inside the request and after it both ran");

    // Exactly one POST per node, on attempt 1.
    const attempts = await nodeAttempts(w.engine);
    assert.equal(attempts.size, EXPECTED_NODES);
    const notFirstAttempt = [...attempts].filter(([, a]) => a !== 1);
    assert.deepEqual(notFirstAttempt, [], "no node needed a second attempt");
    const wrongPostCounts = [...attempts.keys()].filter((id) => c.postsByNode.get(id) !== 1);
    assert.deepEqual(
      wrongPostCounts.map((id) => [id, c.postsByNode.get(id) ?? 0]),
      [],
      "every node was POSTed exactly once",
    );
    assert.equal(w.fake.at("/decision").length + w.fake.at("/activity").length, EXPECTED_NODES);
    assert.equal(w.fake.at("/notifications").length, 0, "no error notifications");

    // The audit log: one row per status change, so no (node, type, to_status) appears twice, and
    // each node has exactly one server and one client row into complete.
    assert.deepEqual(await duplicateAuditRows(w.engine), []);
    const completes = await completeAuditCounts(w.engine);
    assert.equal(completes.length, EXPECTED_NODES);
    assert.deepEqual(
      completes.filter((r) => r.server !== 1 || r.client !== 1),
      [],
    );

    // Both processes took part, and both stop gracefully.
    const stats = await Promise.all(engines.map((e) => e.stop()));
    for (const [i, s] of stats.entries()) {
      const name = engines[i]!.name;
      assert.ok(s, `${name} printed its stats on SIGTERM`);
      console.log(`${name}: ${JSON.stringify(s)} log: ${JSON.stringify(logSummary(engines[i]!.lines))}`);
      assert.ok(s.delivered > 0, `${name} delivered nodes`);
      assert.ok((s.jobs.pass ?? 0) > 0, `${name} ran passes`);
    }
    // The signals leave from the test's own engine, which created them (sent as each signal commits).
    assert.equal(
      stats.reduce((sum, s) => sum + (s?.delivered ?? 0), w.delivered()),
      EXPECTED_NODES,
      "the processes delivered each node once between them",
    );
    for (const e of engines) assert.equal(await e.exited, 0, `${e.name} exited cleanly`);
  });
});
