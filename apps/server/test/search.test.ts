// Workflow and node search (reference §6.4): every filter, the status-change filters on one audit
// row, newest first, and keyset pages that stay stable while new rows arrive.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ADD_CHILDREN, CREATE_WORKFLOW, REPORT, SIGNAL } from "./fragments.ts";
import { startServer, type Json, type TestClient, type TestServer } from "./support.ts";

const WORKFLOWS = `query($search: WorkflowSearch, $first: Int, $after: String) {
  workflows(search: $search, first: $first, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`;
const NODES = `query($search: NodeSearch, $first: Int, $after: String) {
  nodes(search: $search, first: $first, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`;

describe("search and pagination", () => {
  let s: TestServer;
  let u: TestClient;
  const wf: Record<string, string> = {};
  const node: Record<string, string> = {};
  const t = (minutes: number) => new Date(Date.parse("2030-01-01T00:00:00Z") + minutes * 60_000).toISOString();

  before(async () => {
    s = await startServer();
    u = await s.newClient("client-u");
    // t+0: "pay-1" (subject id 1) with a signal that errors at t+10 and completes at t+20;
    // t+5: "pay-2" (subject id 2) with a signal sent and left running; "empty" has no node.
    const create = async (name: string, subject: unknown) =>
      (await s.ok(u.token, CREATE_WORKFLOW, { input: { name, subject } })).createWorkflow.id as string;
    wf.pay1 = await create("pay", { kind: "payment", id: "1" });
    node.s1 = (
      await s.ok(u.token, SIGNAL, { id: wf.pay1, input: { name: "charge", metadata: { region: "eu", tier: 1 } } })
    ).signalWorkflow.id;
    await s.drain();
    s.clock.set(t(5));
    wf.pay2 = await create("pay", { kind: "payment", id: "2" });
    wf.empty = await create("empty", { id: "1" });
    node.s2 = (
      await s.ok(u.token, SIGNAL, { id: wf.pay2, input: { name: "charge", metadata: { region: "us" } } })
    ).signalWorkflow.id;
    await s.drain();
    s.clock.set(t(10));
    await s.ok(u.token, REPORT, { id: node.s1, status: "ERRORED", response: { error: "card declined" } });
    s.clock.set(t(20));
    await s.ok(u.token, `mutation($id: ID!) { restartNode(id: $id) { id } }`, { id: node.s1 });
    await s.drain();
    await s.ok(u.token, REPORT, { id: node.s1, status: "COMPLETED" });
    await s.drain();
  });
  after(() => s.close());

  const workflows = async (search: Json, first?: number, after?: string) =>
    (await s.ok(u.token, WORKFLOWS, { search, first, after })).workflows;
  const nodes = async (search: Json, first?: number, after?: string) =>
    (await s.ok(u.token, NODES, { search, first, after })).nodes;
  const ids = (conn: Json) => conn.edges.map((e: Json) => e.node.id as string);

  it("workflows by exact name and by a substring of the subject's canonical JSON", async () => {
    assert.deepEqual(ids(await workflows({ name: "pay" })), [wf.pay2, wf.pay1], "newest first");
    assert.deepEqual(ids(await workflows({ name: "pa" })), [], "names match exactly");
    assert.deepEqual(ids(await workflows({ subject: `"id":"1"` })), [wf.empty, wf.pay1]);
    assert.deepEqual(ids(await workflows({ name: "pay", subject: `"id":"2"` })), [wf.pay2], "filters combine with AND");
    // pay2 and empty were created at the same instant: the id breaks the tie, descending.
    const sameTime = [wf.empty!, wf.pay2!].sort().reverse();
    assert.deepEqual(ids(await workflows({})), [...sameTime, wf.pay1], "no filter: everything visible");
  });

  it("workflows by current status (server or client) and past status within a window", async () => {
    assert.deepEqual(ids(await workflows({ currentStatus: "sent_to_client" })), [wf.pay2]);
    assert.deepEqual(ids(await workflows({ currentStatus: "received" })), [wf.pay2], "client statuses count too");
    assert.deepEqual(ids(await workflows({ currentStatus: "complete" })), [wf.pay1]);
    assert.deepEqual(ids(await workflows({ pastStatus: "errored" })), [wf.pay1]);
    assert.deepEqual(ids(await workflows({ pastStatus: "errored", statusStart: t(9), statusEnd: t(11) })), [wf.pay1]);
    assert.deepEqual(
      ids(await workflows({ pastStatus: "errored", statusStart: t(15) })),
      [],
      "the three apply to the same status change: the error was before the window",
    );
    assert.deepEqual(ids(await workflows({ statusStart: t(4), statusEnd: t(6) })), [wf.pay2]);
    assert.ok(
      !ids(await workflows({ pastStatus: "ready" })).includes(wf.empty),
      "a workflow without nodes never matches a status filter",
    );
  });

  it("nodes by workflow, name, metadata substring and statuses", async () => {
    assert.deepEqual(ids(await nodes({ name: "charge" })), [node.s2, node.s1]);
    assert.deepEqual(ids(await nodes({ workflowId: wf.pay1 })), [node.s1]);
    assert.deepEqual(
      ids(await nodes({ metadata: `"region": "eu"` })),
      [node.s1],
      "jsonb text: a space after the colon",
    );
    assert.deepEqual(ids(await nodes({ metadata: "us" })), [node.s2]);
    assert.deepEqual(ids(await nodes({ currentStatus: "complete" })), [node.s1]);
    assert.deepEqual(ids(await nodes({ pastStatus: "errored", statusEnd: t(10) })), [node.s1]);
    assert.deepEqual(ids(await nodes({ pastStatus: "errored", statusEnd: t(9) })), []);
  });

  it("keyset pages: no duplicate and no gap while newer rows arrive, ties on created_at broken by id", async () => {
    s.clock.set(t(30));
    const batch: string[] = [];
    for (let i = 0; i < 7; i++) {
      batch.push((await s.ok(u.token, CREATE_WORKFLOW, { input: { name: "batch", subject: i } })).createWorkflow.id);
    }
    const seen: string[] = [];
    let page = await workflows({ name: "batch" }, 3);
    seen.push(...ids(page));
    assert.equal(page.pageInfo.hasNextPage, true);
    // Newer workflows arrive between pages: they belong before page 1, never into later pages.
    s.clock.set(t(31));
    for (let i = 0; i < 2; i++) await s.ok(u.token, CREATE_WORKFLOW, { input: { name: "batch", subject: `new-${i}` } });
    while (page.pageInfo.hasNextPage) {
      page = await workflows({ name: "batch" }, 3, page.pageInfo.endCursor);
      seen.push(...ids(page));
    }
    assert.equal(seen.length, 7);
    assert.deepEqual([...seen].sort(), [...batch].sort());
    assert.deepEqual(seen, [...batch].sort().reverse(), "same created_at: id descending");
    assert.equal(page.pageInfo.endCursor, page.edges.at(-1).cursor);
    const empty = await workflows({ name: "nothing" });
    assert.deepEqual(empty, { edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it("node pages work the same way", async () => {
    const w = (await s.ok(u.token, CREATE_WORKFLOW, { input: { name: "fan", subject: 1 } })).createWorkflow.id;
    const sig = (await s.ok(u.token, SIGNAL, { id: w, input: { name: "fan-signal" } })).signalWorkflow.id;
    await s.drain();
    const kids = (
      await s.ok(u.token, ADD_CHILDREN, {
        id: sig,
        children: Array.from({ length: 5 }, (_, i) => ({ name: `kid-${i}` })),
      })
    ).addChildren as Json[];
    const seen: string[] = [];
    let page = await nodes({ workflowId: w }, 2);
    seen.push(...ids(page));
    while (page.pageInfo.hasNextPage) {
      page = await nodes({ workflowId: w }, 2, page.pageInfo.endCursor);
      seen.push(...ids(page));
    }
    assert.deepEqual([...seen].sort(), [sig, ...kids.map((k) => k.id as string)].sort());
  });
});
