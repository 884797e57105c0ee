// nodeEvents over graphql-ws on the server's port: authentication by connection param, scoping,
// every status change live, and resume with `after`: the missed changes from the audit log, then
// live, with no gap and no duplicate, also while changes keep being made during the switch.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { ADD_CHILDREN, CREATE_WORKFLOW, REPORT, SIGNAL, SUBJECT } from "./fragments.ts";
import { ADMIN_TOKEN, startServer, waitUntil, type Json, type TestClient, type TestServer } from "./support.ts";
import { subscribe, wsClient } from "./ws-support.ts";

const EVENTS = `subscription($w: ID, $after: ID) { nodeEvents(workflowId: $w, after: $after) {
  statusChange { id nodeId statusType fromStatus toStatus response createdAt } node { id serverStatus clientStatus } } }`;

describe("nodeEvents over WebSocket", () => {
  let s: TestServer;
  let u: TestClient;
  let v: TestClient;
  before(async () => {
    s = await startServer();
    u = await s.newClient("client-u");
    v = await s.newClient("client-v");
  });
  after(() => s.close());

  const newWorkflow = async (name: string): Promise<string> =>
    (await s.ok(u.token, CREATE_WORKFLOW, { input: { name, subject: SUBJECT } })).createWorkflow.id;
  /** The audit log of a workflow, as the database has it. */
  const auditIds = async (workflowId: string, afterId = 0): Promise<string[]> => {
    const db = new pg.Client({ connectionString: s.database.url });
    await db.connect();
    try {
      const r = await db.query<{ id: string }>(
        `SELECT id::text AS id FROM status_changes sc WHERE workflow_id = $1 AND sc.id > $2 ORDER BY sc.id`,
        [workflowId, afterId],
      );
      return r.rows.map((row) => row.id);
    } finally {
      await db.end();
    }
  };
  const ids = (events: Json[]) => events.map((e) => e.nodeEvents.statusChange.id as string);

  it("refuses a connection without a valid token", async () => {
    for (const token of [null, "wrong"]) {
      let code = 0;
      const client = wsClient(s.url, token, (c) => (code = c));
      const sub = subscribe(client, EVENTS, {});
      await sub.ended;
      assert.equal(code, 4403);
      assert.equal(sub.events.length, 0);
      await client.dispose();
    }
  });

  it("streams every status change of a workflow, live, in order", async () => {
    const w = await newWorkflow("live");
    const client = wsClient(s.url, u.token);
    const base = s.app.feed.subscriberCount;
    const sub = subscribe(client, EVENTS, { w });
    await waitUntil(() => s.app.feed.subscriberCount > base); // registered: live from here
    const sig = (await s.ok(u.token, SIGNAL, { id: w, input: { name: "sig" } })).signalWorkflow.id;
    await s.drain();
    await s.ok(u.token, REPORT, { id: sig, status: "PROCESSING" });
    await s.ok(u.token, REPORT, { id: sig, status: "COMPLETED", response: { ok: true } });
    await s.drain();
    const expected = await auditIds(w);
    await sub.waitFor(expected.length);
    assert.deepEqual(ids(sub.events), expected);
    const changes = sub.events.map(
      (e) => `${String(e.nodeEvents.statusChange.statusType)}:${String(e.nodeEvents.statusChange.toStatus)}`,
    );
    assert.deepEqual(changes.slice(0, 3), ["SERVER:started", "SERVER:sent_to_client", "CLIENT:received"]);
    const completed = sub.events.find(
      (e) => e.nodeEvents.statusChange.toStatus === "complete" && e.nodeEvents.statusChange.statusType === "CLIENT",
    );
    assert.deepEqual(completed!.nodeEvents.statusChange.response, { ok: true });
    assert.equal(sub.events[0]!.nodeEvents.node.id, sig);
    sub.stop();
    await client.dispose();
  });

  it("a subscriber that unsubscribes is removed at once, with no further event (live and while replaying)", async () => {
    const w = await newWorkflow("leave");
    const sig = (await s.ok(u.token, SIGNAL, { id: w, input: { name: "sig" } })).signalWorkflow.id;
    await s.drain();
    const [first] = await auditIds(w);
    const client = wsClient(s.url, u.token);
    const base = s.app.feed.subscriberCount;
    const live = subscribe(client, EVENTS, { w });
    const resumed = subscribe(
      client,
      `subscription($w: ID, $after: ID) { nodeEvents(workflowId: $w, after: $after) {
      statusChange { id } } }`,
      { w, after: first },
    );
    await waitUntil(() => s.app.feed.subscriberCount === base + 2);
    await resumed.waitFor(1);
    live.stop();
    resumed.stop();
    // Nothing happens in the workflow: the feed must let go of both by itself.
    await waitUntil(() => s.app.feed.subscriberCount === base);
    await s.ok(u.token, REPORT, { id: sig, status: "PROCESSING" });
    await client.dispose();
  });

  it("another client's workflow is NOT_FOUND; an operator may follow every workflow", async () => {
    const w = await newWorkflow("private");
    const intruder = wsClient(s.url, v.token);
    const refused = subscribe(intruder, EVENTS, { w });
    await refused.ended;
    assert.equal(refused.errors[0]?.extensions?.code, "NOT_FOUND");
    const bad = subscribe(intruder, EVENTS, { w: "nope" });
    await bad.ended;
    assert.equal(bad.errors[0]?.extensions?.code, "BAD_USER_INPUT");
    await intruder.dispose();

    const ops = wsClient(s.url, ADMIN_TOKEN);
    const base = s.app.feed.subscriberCount;
    const all = subscribe(ops, EVENTS, {});
    await waitUntil(() => s.app.feed.subscriberCount > base);
    const other = await newWorkflow("private-2");
    await s.ok(u.token, SIGNAL, { id: other, input: { name: "x" } });
    await s.ok(u.token, SIGNAL, { id: w, input: { name: "y" } });
    await s.drain();
    await all.waitFor(4);
    const workflowsSeen = new Set(all.events.map((e) => e.nodeEvents.statusChange.nodeId));
    assert.equal(workflowsSeen.size, 2, "changes of both workflows");
    all.stop();
    await ops.dispose();
  });

  it("the same limits as HTTP: a too-deep subscription is BAD_USER_INPUT", async () => {
    const client = wsClient(s.url, u.token);
    const deep = subscribe(
      client,
      `subscription { nodeEvents { node { ${"children { ".repeat(12)} id ${"} ".repeat(12)} } } }`,
    );
    await deep.ended;
    assert.equal(deep.errors[0]?.extensions?.code, "BAD_USER_INPUT");
    await client.dispose();
  });

  it("resumes with after: the missed changes, then live, no gap and no duplicate, under load", async () => {
    const w = await newWorkflow("resume");
    const sig = (await s.ok(u.token, SIGNAL, { id: w, input: { name: "sig" } })).signalWorkflow.id;
    await s.drain();
    await s.ok(u.token, REPORT, { id: sig, status: "PROCESSING" });
    const first = wsClient(s.url, u.token);
    const sub1 = subscribe(first, EVENTS, { w, after: "0" });
    const before = await auditIds(w);
    await sub1.waitFor(before.length);
    assert.deepEqual(ids(sub1.events), before, "replayed from the audit log");
    const lastSeen = ids(sub1.events).at(-1)!;
    sub1.stop();
    await first.dispose();

    // Changes while disconnected...
    const kids = (
      await s.ok(u.token, ADD_CHILDREN, {
        id: sig,
        children: Array.from({ length: 20 }, (_, i) => ({ name: `k${i}`, mode: "NON_BLOCKING" })),
      })
    ).addChildren as Json[];
    await s.ok(u.token, REPORT, { id: sig, status: "COMPLETED" });
    // ...and while reconnecting: a writer keeps reporting on the children concurrently.
    const writer = (async () => {
      await s.drain();
      for (const k of kids) await s.ok(u.token, REPORT, { id: k.id, status: "PROCESSING" });
      await Promise.all(kids.map((k) => s.ok(u.token, REPORT, { id: k.id, status: "COMPLETED" })));
      await s.drain();
    })();
    const second = wsClient(s.url, u.token);
    const sub2 = subscribe(second, EVENTS, { w, after: lastSeen });
    await writer;
    const expected = await auditIds(w, Number(lastSeen));
    await sub2.waitFor(expected.length, 10_000);
    await new Promise((r) => setTimeout(r, 300)); // nothing more may arrive
    assert.deepEqual(ids(sub2.events), expected, "exactly the changes after lastSeen, in order");
    sub2.stop();
    await second.dispose();
  });

  it("after must be a status change id", async () => {
    const w = await newWorkflow("after-check");
    const client = wsClient(s.url, u.token);
    const sub = subscribe(client, EVENTS, { w, after: "abc" });
    await sub.ended;
    assert.equal(sub.errors[0]?.extensions?.code, "BAD_USER_INPUT");
    await client.dispose();
  });
});
