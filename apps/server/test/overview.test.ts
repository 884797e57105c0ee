// overview: node counts by status and completions/errors per minute, checked against the nodes
// and status_changes tables; nodes unchanged for 5 minutes are listed as stuck, oldest first.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CREATE_WORKFLOW, REPORT, SIGNAL } from "./fragments.ts";
import { operatorSession, rows } from "./operator-support.ts";
import { errorOf, startServer, type Json, type TestClient, type TestServer } from "./support.ts";

const OVERVIEW = `query($m: Int) { overview(minutes: $m) {
  serverStatusCounts { status count } clientStatusCounts { status count }
  perMinute { minute completed errored } oldestStuck { id name updatedAt } } }`;

describe("overview", () => {
  let s: TestServer;
  let shop: TestClient;
  let viewer: string;
  let n = 0;
  before(async () => {
    s = await startServer();
    shop = await s.newClient("overview-shop");
    viewer = await operatorSession(s, "ov.viewer", "VIEWER");
  });
  after(() => s.close());

  const sent = async (name: string, retry = 0): Promise<string> => {
    const w = (await s.ok(shop.token, CREATE_WORKFLOW, { input: { name: "ov", subject: { n: ++n } } })).createWorkflow
      .id;
    const id = (await s.ok(shop.token, SIGNAL, { id: w, input: { name, retry } })).signalWorkflow.id as string;
    await s.drain();
    return id;
  };

  it("counts match the tables; per-minute buckets match the audit log, zeros included; stuck nodes listed", async () => {
    const start = s.clock.now();
    // Minute 0: two complete, one errors. Minute 2: one completes. One is left waiting throughout.
    const stuck = await sent("waits forever");
    s.clock.advance(1_000); // so that it is the longest-unchanged one
    for (const name of ["a", "b"]) {
      const id = await sent(name);
      await s.ok(shop.token, REPORT, { id, status: "COMPLETED" });
    }
    await s.ok(shop.token, REPORT, { id: await sent("bad"), status: "ERRORED", response: { error: "x" } });
    await s.drain();
    s.clock.advance(2 * 60_000 + 5_000);
    const late = await sent("late");
    await s.ok(shop.token, REPORT, { id: late, status: "COMPLETED" });
    await s.drain();
    s.clock.advance(4 * 60_000);

    const o = (await s.ok(viewer, OVERVIEW, { m: 10 })).overview;

    const byStatus = (type: "server_status" | "client_status") =>
      rows<{ status: string; count: number }>(
        s.database.url,
        `SELECT ${type} AS status, count(*)::int AS count FROM nodes GROUP BY 1 ORDER BY 2 DESC, 1`,
      );
    assert.deepEqual(o.serverStatusCounts, await byStatus("server_status"));
    assert.deepEqual(o.clientStatusCounts, await byStatus("client_status"));

    assert.equal(o.perMinute.length, 10);
    const lastMinute = new Date(Math.floor(s.clock.now().getTime() / 60_000) * 60_000);
    assert.equal(o.perMinute.at(-1).minute, lastMinute.toISOString());
    assert.equal(o.perMinute[0].minute, new Date(lastMinute.getTime() - 9 * 60_000).toISOString());
    const audit = await rows<{ minute: Date; completed: number; errored: number }>(
      s.database.url,
      `SELECT date_trunc('minute', created_at) AS minute,
        count(*) FILTER (WHERE status_type = 'server' AND to_status = 'complete')::int AS completed,
        count(*) FILTER (WHERE to_status = 'errored')::int AS errored
      FROM status_changes GROUP BY 1`,
    );
    const expected = new Map(audit.map((r) => [new Date(r.minute).toISOString(), r]));
    for (const m of o.perMinute as Json[]) {
      const want = expected.get(m.minute as string);
      assert.deepEqual([m.completed, m.errored], [want?.completed ?? 0, want?.errored ?? 0], m.minute as string);
    }
    const startMinute = new Date(Math.floor(start.getTime() / 60_000) * 60_000).toISOString();
    const first = (o.perMinute as Json[]).find((m) => m.minute === startMinute)!;
    assert.deepEqual([first.completed, first.errored], [2, 1]);
    assert.equal(
      (o.perMinute as Json[]).reduce((sum, m) => sum + (m.completed as number), 0),
      3,
    );

    // Stuck: unchanged for >= 5 minutes (the waiting and the errored ones), the oldest first; "late" is too recent.
    const names = (o.oldestStuck as Json[]).map((x) => x.name);
    assert.equal(names[0], "waits forever");
    assert.equal((o.oldestStuck as Json[])[0]!.id, stuck);
    assert.ok(names.includes("bad"));
    assert.ok(!names.includes("late"));
    assert.ok(!names.includes("a"), "complete nodes are not stuck");
  });

  it("Workflow.statusCounts: failures first, then by count, as in the nodes table", async () => {
    const w = (await s.ok(shop.token, CREATE_WORKFLOW, { input: { name: "counts", subject: { n: ++n } } }))
      .createWorkflow.id as string;
    const signal = async (name: string, retry = 0) =>
      (await s.ok(shop.token, SIGNAL, { id: w, input: { name, retry } })).signalWorkflow.id as string;
    // Signals run one at a time: complete two, fail the third (no retries), leave two waiting behind it.
    for (const name of ["one", "two"]) {
      const id = await signal(name);
      await s.drain();
      await s.ok(shop.token, REPORT, { id, status: "COMPLETED" });
      await s.drain();
    }
    const bad = await signal("bad");
    await s.drain();
    await s.ok(shop.token, REPORT, { id: bad, status: "ERRORED", response: { error: "no" } });
    await signal("waits 1");
    await signal("waits 2");
    await s.drain();
    const query = `query($w: ID!) { workflow(id: $w) { statusCounts { status count } } }`;
    const counts = (await s.ok(viewer, query, { w })).workflow.statusCounts;
    assert.deepEqual(counts, [
      { status: "retries_exhausted", count: 1 },
      { status: "complete", count: 2 },
      { status: "ready", count: 2 },
    ]);
    const table = await rows<{ status: string; count: number }>(
      s.database.url,
      `SELECT server_status AS status, count(*)::int AS count FROM nodes WHERE workflow_id = $1 GROUP BY 1`,
      [w],
    );
    assert.deepEqual(
      [...counts].sort((a: Json, b: Json) => String(a.status).localeCompare(String(b.status))),
      [...table].sort((a, b) => a.status.localeCompare(b.status)),
    );
    assert.deepEqual((await s.ok(shop.token, query, { w })).workflow.statusCounts, counts, "the owner sees the same");
  });

  it("workflowStateCounts: one workflow in each state, by core's rule, every state listed in order", async () => {
    const STATES = `query { overview { workflowStateCounts { state count } } }`;
    const read = async () =>
      new Map<string, number>(
        ((await s.ok(viewer, STATES)).overview.workflowStateCounts as Json[]).map((c) => [
          c.state as string,
          c.count as number,
        ]),
      );
    const before = await read();
    assert.deepEqual([...before.keys()], ["failed", "paused", "complete", "waiting", "running"]);
    const workflow = async (label: string) =>
      (await s.ok(shop.token, CREATE_WORKFLOW, { input: { name: `states-${label}`, subject: { n: ++n } } }))
        .createWorkflow.id as string;
    const signal = async (w: string, input: Json) => {
      const id = (await s.ok(shop.token, SIGNAL, { id: w, input })).signalWorkflow.id as string;
      await s.drain();
      return id;
    };
    // failed: its only node errored with no retry left.
    const failed = await signal(await workflow("failed"), { name: "x", retry: 0 });
    await s.ok(shop.token, REPORT, { id: failed, status: "ERRORED", response: { error: "no" } });
    // paused: a node with its client, the workflow paused.
    const paused = await workflow("paused");
    await signal(paused, { name: "x" });
    await s.ok(shop.token, `mutation($id: ID!) { pauseWorkflow(id: $id) { id } }`, { id: paused });
    // complete: its only node completed.
    const done = await signal(await workflow("complete"), { name: "x" });
    await s.ok(shop.token, REPORT, { id: done, status: "COMPLETED" });
    // waiting: its only node fires in an hour.
    await signal(await workflow("waiting"), {
      name: "x",
      firesAt: new Date(s.clock.now().getTime() + 3_600_000).toISOString(),
    });
    // running: its node is with its client.
    await signal(await workflow("running"), { name: "x" });
    await s.drain();

    const after = await read();
    for (const state of before.keys()) assert.equal(after.get(state)! - before.get(state)!, 1, state);
    const total = await rows<{ count: number }>(s.database.url, `SELECT count(*)::int AS count FROM workflows`);
    assert.equal(
      [...after.values()].reduce((sum, c) => sum + c, 0),
      total[0]!.count,
      "every workflow counted once",
    );
  });

  it("minutes outside 1..1440 is BAD_USER_INPUT; clients are FORBIDDEN", async () => {
    for (const m of [0, 1441]) assert.equal(errorOf(await s.gql(viewer, OVERVIEW, { m })).code, "BAD_USER_INPUT");
    assert.equal(errorOf(await s.gql(shop.token, OVERVIEW, {})).code, "FORBIDDEN");
  });
});
