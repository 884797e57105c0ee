// statusFeedPosition: the resume point a reader takes before reading a snapshot. Everything committed
// before it is at or below it; subscribing with `after` = it delivers exactly the later changes.
// It is the head of the whole cluster's audit log, so only operators read it (issue 10, item 4): a
// client token would learn how busy every other client is.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { StatusFeed } from "@backbeat/engine";
import pg from "pg";
import { CREATE_WORKFLOW, REPORT, SIGNAL, SUBJECT } from "./fragments.ts";
import { ADMIN_TOKEN, startServer, waitUntil, type Json, type TestClient, type TestServer } from "./support.ts";
import { subscribe, wsClient } from "./ws-support.ts";

const POSITION = `query { statusFeedPosition }`;
const EVENTS = `subscription($w: ID, $after: ID) { nodeEvents(workflowId: $w, after: $after) {
  statusChange { id } node { id serverStatus clientStatus } } }`;

describe("statusFeedPosition", () => {
  let s: TestServer;
  let u: TestClient;
  before(async () => {
    s = await startServer();
    u = await s.newClient("client-u");
  });
  after(() => s.close());

  const newWorkflow = async (name: string): Promise<string> =>
    (await s.ok(u.token, CREATE_WORKFLOW, { input: { name, subject: SUBJECT } })).createWorkflow.id;
  const signal = async (w: string, name: string): Promise<string> =>
    (await s.ok(u.token, SIGNAL, { id: w, input: { name } })).signalWorkflow.id;
  const position = async (token: string): Promise<bigint> =>
    BigInt((await s.ok(token, POSITION)).statusFeedPosition as string);
  /** The ids of the workflow's audit log, as the database has it. */
  const auditIds = async (workflowId: string): Promise<bigint[]> => {
    const db = new pg.Client({ connectionString: s.database.url });
    await db.connect();
    try {
      const r = await db.query<{ id: string }>(
        `SELECT sc.id::text AS id FROM status_changes sc WHERE sc.workflow_id = $1 ORDER BY sc.id`,
        [workflowId],
      );
      return r.rows.map((row) => BigInt(row.id));
    } finally {
      await db.end();
    }
  };

  it("covers what committed before it; after it, a subscriber gets exactly the later changes, in order", async () => {
    const w = await newWorkflow("position");
    const sig = await signal(w, "first");
    await s.drain();
    await s.ok(u.token, REPORT, { id: sig, status: "PROCESSING" });
    const earlier = await auditIds(w);
    assert.ok(earlier.length >= 4, "changes before the position");

    const p = await position(ADMIN_TOKEN);
    assert.ok(
      earlier.every((id) => id <= p),
      `every change committed before the position is at or below it (${p}): ${earlier.join(",")}`,
    );

    await s.ok(u.token, REPORT, { id: sig, status: "COMPLETED", response: { ok: true } });
    const second = await signal(w, "second");
    await s.drain();
    const later = (await auditIds(w)).filter((id) => !earlier.includes(id));
    assert.ok(later.length >= 4, "changes after the position");
    assert.ok(later.every((id) => id > p));

    const client = wsClient(s.url, u.token);
    const sub = subscribe(client, EVENTS, { w, after: p.toString() });
    await sub.waitFor(later.length);
    assert.deepEqual(
      sub.events.map((e: Json) => BigInt(e.nodeEvents.statusChange.id as string)),
      later,
      "the changes made after reading the position, in order, none before",
    );

    // Then live, still in order and without a repeat.
    await s.ok(u.token, REPORT, { id: second, status: "PROCESSING" });
    const all = await auditIds(w);
    assert.ok(all.length > earlier.length + later.length);
    await sub.waitFor(all.length - earlier.length);
    assert.deepEqual(
      sub.events.map((e: Json) => BigInt(e.nodeEvents.statusChange.id as string)),
      all.filter((id) => id > p),
    );
    assert.equal(sub.events.at(-1)!.nodeEvents.node.clientStatus, "PROCESSING");
    sub.stop();
    await client.dispose();
  });

  it("never goes backwards while changes are being made", async () => {
    const w = await newWorkflow("monotonic");
    const seen: bigint[] = [];
    const writes = (async () => {
      for (let i = 0; i < 10; i++) {
        await signal(w, `s${i}`);
        await s.drain();
      }
    })();
    const reads = (async () => {
      for (let i = 0; i < 30; i++) seen.push(await position(ADMIN_TOKEN));
    })();
    await Promise.all([writes, reads]);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]! >= seen[i - 1]!, `position went back: ${seen.join(",")}`);
    const last = await position(ADMIN_TOKEN);
    assert.ok(last >= seen.at(-1)!);
    const ids = await auditIds(w);
    assert.ok(
      ids.every((id) => id <= last),
      "the final position covers every change made",
    );
  });

  it("needs a token", async () => {
    const res = await s.gql(null, POSITION);
    assert.equal(res.body.errors?.[0]?.extensions?.code, "UNAUTHENTICATED");
  });

  it("is refused to a client token (FORBIDDEN): a cluster-wide counter says how busy other clients are", async () => {
    const res = await s.gql(u.token, POSITION);
    assert.equal(res.body.errors?.[0]?.extensions?.code, "FORBIDDEN", JSON.stringify(res.body));
    assert.equal(res.body.data, null);
  });

  it("a feed started only for its position stops reading when idle, and starts again, never lower", async () => {
    const feed = new StatusFeed(s.engine.sql, s.database.url, { idleMs: 20 });
    try {
      const w = await newWorkflow("idle");
      await signal(w, "one");
      await s.drain();
      const first = await feed.position();
      assert.ok((await auditIds(w)).every((id) => id <= first));
      // Stopped after idleMs: a change made now is read only when the next position() starts the feed again.
      await waitUntil(() => !feed.started);
      const w2 = await newWorkflow("idle-2");
      await signal(w2, "two");
      await s.drain();
      const second = await feed.position();
      assert.ok(feed.started);
      const made = await auditIds(w2);
      assert.ok(made.length > 0 && made.every((id) => id > first && id <= second));
    } finally {
      await feed.close();
    }
  });
});
