// Workflow.statusChanges: the workflow's audit log in pages, oldest first; the pages together are
// exactly the union of its nodes' histories; a client sees only its own nodes' changes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ADD_CHILDREN, CREATE_WORKFLOW, REPORT, SIGNAL } from "./fragments.ts";
import { ADMIN_TOKEN, errorOf, startServer, type TestClient, type TestServer } from "./support.ts";

const PAGE = `query($id: ID!, $after: ID, $first: Int!) {
  workflow(id: $id) { statusChanges(after: $after, first: $first) { id nodeId statusType fromStatus toStatus } } }`;
const HISTORIES = `query($id: ID!) { workflow(id: $id) { nodes { statusChanges { id } } } }`;

describe("Workflow.statusChanges", () => {
  let s: TestServer;
  let a: TestClient;
  let b: TestClient;
  let workflowId: string;
  before(async () => {
    s = await startServer();
    a = await s.newClient("timeline-a");
    b = await s.newClient("timeline-b");
    const w = await s.ok(a.token, CREATE_WORKFLOW, { input: { name: "timeline", subject: { n: 1 } } });
    workflowId = w.createWorkflow.id;
    const signal = await s.ok(a.token, SIGNAL, { id: workflowId, input: { name: "go" } });
    const id = signal.signalWorkflow.id as string;
    await s.drain();
    await s.ok(a.token, REPORT, { id, status: "PROCESSING" });
    // One child runs on client b (which accepts a's work): a sees only its own nodes' changes.
    await s.ok(
      ADMIN_TOKEN,
      `mutation($id: ID!, $from: [ID!]!) { setClientDelegation(clientId: $id, acceptsWorkFrom: $from) { id } }`,
      { id: b.id, from: [a.id] },
    );
    await s.ok(a.token, ADD_CHILDREN, { id, children: [{ name: "mine" }, { name: "theirs", clientId: b.id }] });
    await s.ok(a.token, REPORT, { id, status: "COMPLETED" });
    await s.drain();
  });
  after(() => s.close());

  async function allPages(token: string, first: number): Promise<{ id: string; nodeId: string }[]> {
    const out: { id: string; nodeId: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const data = await s.ok(token, PAGE, { id: workflowId, after, first });
      const page = data.workflow.statusChanges as { id: string; nodeId: string }[];
      out.push(...page);
      if (page.length < first) return out;
      after = page.at(-1)!.id;
    }
  }

  it("pages of 3 add up to every node's history, oldest first, without repeats", async () => {
    const changes = await allPages(ADMIN_TOKEN, 3);
    const histories = await s.ok(ADMIN_TOKEN, HISTORIES, { id: workflowId });
    const expected = (histories.workflow.nodes as { statusChanges: { id: string }[] }[])
      .flatMap((n) => n.statusChanges.map((c) => c.id))
      .sort((x, y) => Number(BigInt(x) - BigInt(y)));
    assert.ok(expected.length > 6);
    assert.deepEqual(
      changes.map((c) => c.id),
      expected,
    );
  });

  it("a client sees only the changes of the nodes assigned to it", async () => {
    const mine = await allPages(a.token, 100);
    const all = await allPages(ADMIN_TOKEN, 100);
    assert.ok(mine.length < all.length, "client b's node is left out");
    const nodes = await s.ok(ADMIN_TOKEN, `query($id: ID!) { workflow(id: $id) { nodes { id clientId } } }`, {
      id: workflowId,
    });
    const aNodes = new Set(
      (nodes.workflow.nodes as { id: string; clientId: string }[]).filter((n) => n.clientId === a.id).map((n) => n.id),
    );
    assert.deepEqual(
      mine.map((c) => c.id),
      all.filter((c) => aNodes.has(c.nodeId)).map((c) => c.id),
    );
  });

  it("latestStatusChanges reads backwards from the newest: the pages add up to the same log; the count agrees", async () => {
    const LATEST = `query($id: ID!, $before: ID, $last: Int!) {
      workflow(id: $id) { statusChangeCount latestStatusChanges(before: $before, last: $last) { id } } }`;
    const forwards = (await allPages(ADMIN_TOKEN, 100)).map((c) => c.id);
    const backwards: string[] = [];
    let before: string | null = null;
    let count = 0;
    for (;;) {
      const data = await s.ok(ADMIN_TOKEN, LATEST, { id: workflowId, before, last: 4 });
      const page = (data.workflow.latestStatusChanges as { id: string }[]).map((c) => c.id);
      count = data.workflow.statusChangeCount as number;
      backwards.unshift(...page);
      if (page.length < 4) break;
      before = page[0]!;
    }
    assert.deepEqual(backwards, forwards);
    assert.equal(count, forwards.length);
    const mine = await s.ok(a.token, LATEST, { id: workflowId, before: null, last: 1000 });
    assert.equal(mine.workflow.statusChangeCount, (await allPages(a.token, 100)).length, "a client counts its own");
  });

  it("refuses a page size out of range and a malformed cursor", async () => {
    for (const variables of [
      { id: workflowId, first: 0 },
      { id: workflowId, first: 1001 },
      { id: workflowId, first: 10, after: "abc" },
    ]) {
      assert.equal(errorOf(await s.gql(ADMIN_TOKEN, PAGE, variables)).code, "BAD_USER_INPUT");
    }
  });
});
