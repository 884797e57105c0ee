// nodeEvents resumed across a reconnect under load, with real server processes: a subscriber on
// server A is cut off mid-stream while a producer keeps signalling workflows through both servers
// and a pull worker finishes them; it resubscribes on server B with `after` = the last id it saw.
// Together the two streams hold every row of status_changes exactly once, in order.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createSqlPool } from "@backbeat/db";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { createPullClient, NODE_EVENTS, NODES_TO_RUN, report, serverStatus, signalNewWorkflow } from "../src/api.ts";
import { killAllEngineProcesses, pollUntil } from "../src/cluster.ts";
import { subscribe, wsClient, type Json } from "../src/graphql-client.ts";
import { ADMIN_TOKEN, startServerProcess, type ServerProcess } from "../src/server-process.ts";

const PRODUCERS = 4;
const WORKFLOWS_EACH = 15;

describe("nodeEvents resume across a reconnect under load", () => {
  let db: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  const sockets: ReturnType<typeof wsClient>[] = [];

  before(async () => {
    db = await createTestDatabase();
    [a, b] = await Promise.all([startServerProcess("server-a", db.url), startServerProcess("server-b", db.url)]);
  });
  after(async () => {
    for (const c of sockets) c.terminate();
    await killAllEngineProcesses();
    await db?.drop();
  });

  it("the union of both streams is the audit log: no gap, no duplicate", async () => {
    const client = await createPullClient(a.url, "producer");
    const ws = (url: string, token: string) => sockets[sockets.push(wsClient(url, token)) - 1]!;
    const ids = (events: Json[]) => events.map((e) => BigInt(e.nodeEvents.statusChange.id as string));

    // The worker (on B) runs every node: PROCESSING, then COMPLETED; the engines then complete it.
    subscribe(ws(b.url, client.token), NODES_TO_RUN, { c: 10 }, (e) => {
      const id = e.nodesToRun.id as string;
      void report(b.url, client.token, id, "PROCESSING")
        .then(() => report(b.url, client.token, id, "COMPLETED"))
        .catch(() => {});
    });
    // An operator sees every workflow; after "0" covers what committed before it was registered.
    const firstSocket = ws(a.url, ADMIN_TOKEN);
    const first = subscribe(firstSocket, NODE_EVENTS, { after: "0" });

    const signals: string[] = [];
    const produce = async (p: number) => {
      for (let i = 0; i < WORKFLOWS_EACH; i++) {
        const via = (p + i) % 2 ? a.url : b.url;
        signals.push(await signalNewWorkflow(via, client.token, `p${p}-${i}`));
      }
    };
    const producing = Promise.all(Array.from({ length: PRODUCERS }, (_, p) => produce(p)));

    await first.waitFor(40, 30_000);
    firstSocket.terminate(); // mid-stream: whatever was in flight is lost to this subscriber
    const seen = ids(first.events);
    const last = seen.at(-1)!;
    await new Promise((r) => setTimeout(r, 300)); // more changes happen while it is away
    const second = subscribe(ws(b.url, ADMIN_TOKEN), NODE_EVENTS, { after: last.toString() });

    await producing;
    const done = await pollUntil(async () => {
      for (const id of signals) if ((await serverStatus(a.url, client.token, id)) !== "COMPLETE") return false;
      return true;
    }, 60_000);
    assert.ok(done, "every workflow's signal completed");

    const pool = createSqlPool(db.url, 1);
    try {
      const auditIds = async () =>
        (await pool.query<{ id: string }>("SELECT sc.id::text AS id FROM status_changes sc ORDER BY sc.id")).rows.map(
          (r) => BigInt(r.id),
        );
      let expected: bigint[] = [];
      const caughtUp = await pollUntil(
        async () => ids(second.events).at(-1) === (expected = await auditIds()).at(-1),
        15_000,
        100,
      );
      const got = ids(second.events);
      const tail = { last: last.toString(), got: got.length, gotLast: got.at(-1)?.toString(), total: expected.length };
      assert.ok(caughtUp, `the resumed stream reached the end of the audit log: ${JSON.stringify(tail)}`);
      const union = [...seen, ...ids(second.events)];
      assert.ok(seen.length >= 40 && second.events.length > 0);
      assert.ok(
        union.every((id, i) => i === 0 || id > union[i - 1]!),
        "strictly increasing: no duplicate",
      );
      const missing = expected.filter((id) => !union.includes(id));
      const where = { missing: missing.map(String), firstStreamEnd: last.toString(), secondStart: got[0]?.toString() };
      assert.deepEqual(union, expected, `no gap: every audit row exactly once ${JSON.stringify(where)}`);
      assert.deepEqual(second.errors, []); // the first one's only error is its own termination
    } finally {
      await pool.end();
    }
  });
});
