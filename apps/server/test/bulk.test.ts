// bulkPreview / bulkAction over HTTP: the preview's count is what the action matches, a changed
// set is a CONFLICT that changes nothing, each node goes through the engine's own command, and
// every call (ok or not) is in the operator audit log.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CREATE_WORKFLOW, REPORT, SIGNAL } from "./fragments.ts";
import { actionsSince, lastActionId, operatorSession, rows } from "./operator-support.ts";
import {
  ADMIN_TOKEN,
  dbSnapshot,
  errorOf,
  startServer,
  statuses,
  type Json,
  type TestClient,
  type TestServer,
} from "./support.ts";

const PREVIEW = `query($a: BulkAction!, $s: NodeSearch) { bulkPreview(action: $a, search: $s) { count sample { id name serverStatus clientStatus } } }`;
const ACT = `mutation($a: BulkAction!, $s: NodeSearch, $n: Int!) {
  bulkAction(action: $a, search: $s, expectedCount: $n) { matched succeeded failed { nodeId code message } } }`;

describe("bulk actions", () => {
  let s: TestServer;
  let shop: TestClient;
  let op: string;
  let viewer: string;
  let n = 0;
  before(async () => {
    s = await startServer();
    shop = await s.newClient("bulk-shop");
    op = await operatorSession(s, "bulk.operator", "OPERATOR");
    viewer = await operatorSession(s, "bulk.viewer", "VIEWER");
  });
  after(() => s.close());

  /** `count` signals named `name`, each failed by its client with no retries left. */
  const failedNodes = async (name: string, count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const w = (await s.ok(shop.token, CREATE_WORKFLOW, { input: { name: "bulk", subject: { n: ++n } } }))
        .createWorkflow.id;
      ids.push((await s.ok(shop.token, SIGNAL, { id: w, input: { name, retry: 0 } })).signalWorkflow.id);
    }
    await s.drain();
    for (const id of ids)
      await s.ok(shop.token, REPORT, { id, status: "ERRORED", response: { error: "card declined" } });
    // Each exhausted node's notification leaves after its report's answer: wait until they are sent,
    // so a snapshot taken next does not catch one in flight (its outbound row gone a moment later).
    await s.drain();
    return ids;
  };
  const statusOf = async (id: string) => {
    const d = await s.ok(ADMIN_TOKEN, `query($id: ID!) { node(id: $id) { serverStatus clientStatus } }`, { id });
    return statuses(d.node);
  };

  it("RETRY: preview count == matched; each failed node is restarted and sent again; healthy nodes untouched", async () => {
    const failed = await failedNodes("charge", 3);
    // A healthy node with the same name is not in the set.
    const w = (await s.ok(shop.token, CREATE_WORKFLOW, { input: { name: "bulk", subject: { n: ++n } } })).createWorkflow
      .id;
    const healthy = (await s.ok(shop.token, SIGNAL, { id: w, input: { name: "charge" } })).signalWorkflow.id as string;
    await s.drain();

    const search = { name: "charge" };
    const preview = (await s.ok(viewer, PREVIEW, { a: "RETRY", s: search })).bulkPreview;
    assert.equal(preview.count, 3);
    assert.deepEqual(
      preview.sample.map((x: Json) => x.id),
      failed,
      "oldest first",
    );
    assert.ok(
      preview.sample.every((x: Json) => x.serverStatus === "RETRIES_EXHAUSTED" && x.clientStatus === "ERRORED"),
    );

    const since = await lastActionId(s.database.url);
    const result = (await s.ok(op, ACT, { a: "RETRY", s: search, n: preview.count })).bulkAction;
    assert.deepEqual(result, { matched: 3, succeeded: 3, failed: [] });
    await s.drain();
    for (const id of failed) assert.equal(await statusOf(id), "SENT_TO_CLIENT/RECEIVED");
    assert.equal(await statusOf(healthy), "SENT_TO_CLIENT/RECEIVED");
    // The restarts are the engine's: audit rows by the operator, one ERRORED -> READY per node.
    const changes = await rows<{ n: number }>(
      s.database.url,
      `SELECT count(*)::int AS n FROM status_changes WHERE node_id = ANY($1::uuid[]) AND actor = 'operator:bulk.operator'
        AND status_type = 'client' AND from_status = 'errored' AND to_status = 'ready'`,
      [failed],
    );
    assert.equal(changes[0]!.n, 3);
    const audit = await actionsSince(s.database.url, since);
    assert.deepEqual(audit, [
      {
        operator: "bulk.operator",
        action: "bulkAction:RETRY",
        target: { search, expectedCount: 3 },
        result: "ok",
        message: "3 of 3 nodes restarted",
      },
    ]);
    assert.equal((await s.ok(viewer, PREVIEW, { a: "RETRY", s: search })).bulkPreview.count, 0);
  });

  it("a changed set: expectedCount mismatch is a CONFLICT, nothing changes, and the failure is recorded", async () => {
    const ids = await failedNodes("ship", 2);
    const preview = (await s.ok(op, PREVIEW, { a: "CANCEL", s: { name: "ship" } })).bulkPreview;
    assert.equal(preview.count, 2);
    await failedNodes("ship", 1);
    const snapshot = await dbSnapshot(s.database.url);
    const since = await lastActionId(s.database.url);
    const e = errorOf(await s.gql(op, ACT, { a: "CANCEL", s: { name: "ship" }, n: preview.count }));
    assert.equal(e.code, "CONFLICT");
    assert.match(e.message, /3 nodes match now, not 2; preview again/);
    assert.deepEqual(await dbSnapshot(s.database.url), snapshot);
    const [row] = await actionsSince(s.database.url, since);
    assert.deepEqual([row!.action, row!.result], ["bulkAction:CANCEL", "CONFLICT"]);

    // With the current count, CANCEL deactivates each one (the operator's CANCELED report).
    const result = (await s.ok(op, ACT, { a: "CANCEL", s: { name: "ship" }, n: 3 })).bulkAction;
    assert.deepEqual({ matched: result.matched, succeeded: result.succeeded }, { matched: 3, succeeded: 3 });
    for (const id of ids) assert.equal(await statusOf(id), "DEACTIVATED/ERRORED");
  });

  it("bad input is BAD_USER_INPUT and recorded; a VIEWER may preview but not act", async () => {
    assert.equal(
      errorOf(await s.gql(op, ACT, { a: "RETRY", s: { currentStatus: "BROKEN" }, n: 0 })).code,
      "BAD_USER_INPUT",
    );
    assert.equal(errorOf(await s.gql(op, ACT, { a: "RETRY", n: -1 })).code, "BAD_USER_INPUT");
    assert.equal(errorOf(await s.gql(viewer, ACT, { a: "RETRY", n: 0 })).code, "FORBIDDEN");
    assert.equal((await s.ok(viewer, PREVIEW, { a: "CANCEL", s: null })).bulkPreview.count, 0);
  });
});
