// A client sees and changes only its own workflows and the nodes assigned to it: for every
// operation, another client's workflow or node answers NOT_FOUND exactly like one that does not
// exist (the message differs only by the id), and changes nothing. Operator-only operations are
// FORBIDDEN to clients.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { ADD_CHILDREN, CREATE_WORKFLOW, REPORT, SIGNAL, SUBJECT } from "./fragments.ts";
import {
  ADMIN_TOKEN,
  dbSnapshot,
  errorOf,
  startServer,
  type Json,
  type TestClient,
  type TestServer,
} from "./support.ts";

const SET_DELEGATION = `mutation($id: ID!, $from: [ID!]!) { setClientDelegation(clientId: $id, acceptsWorkFrom: $from) { id } }`;

describe("scoping: a second client cannot read or change the first client's data", () => {
  let s: TestServer;
  let u: TestClient;
  let v: TestClient;
  let wf: string;
  let sig: string;
  let child: string;
  before(async () => {
    s = await startServer();
    u = await s.newClient("client-u");
    v = await s.newClient("client-v");
    wf = (await s.ok(u.token, CREATE_WORKFLOW, { input: { name: "secret", subject: SUBJECT } })).createWorkflow.id;
    sig = (await s.ok(u.token, SIGNAL, { id: wf, input: { name: "sig", metadata: { tag: "u-only" } } })).signalWorkflow
      .id;
    await s.drain();
    await s.ok(u.token, REPORT, { id: sig, status: "PROCESSING" });
    child = (await s.ok(u.token, ADD_CHILDREN, { id: sig, children: [{ name: "kid" }] })).addChildren[0].id;
  });
  after(() => s.close());

  /** Operations addressed by id: [name, query, variables]. `$id` is the id under test. */
  const byId = (kind: "workflow" | "node"): [string, string, (id: string) => Json][] =>
    kind === "workflow"
      ? [
          ["workflow", `query($id: ID!) { workflow(id: $id) { id } }`, (id) => ({ id })],
          ["signalWorkflow", SIGNAL, (id) => ({ id, input: { name: "intruder" } })],
          ["completeWorkflow", `mutation($id: ID!) { completeWorkflow(id: $id) { id } }`, (id) => ({ id })],
          ["pauseWorkflow", `mutation($id: ID!) { pauseWorkflow(id: $id) { id } }`, (id) => ({ id })],
          ["resumeWorkflow", `mutation($id: ID!) { resumeWorkflow(id: $id) { id } }`, (id) => ({ id })],
        ]
      : [
          ["node", `query($id: ID!) { node(id: $id) { id } }`, (id) => ({ id })],
          ["addChildren", ADD_CHILDREN, (id) => ({ id, children: [{ name: "intruder" }] })],
          ["reportNodeStatus", REPORT, (id) => ({ id, status: "COMPLETED" })],
          ["reportNodeStatus CANCELED", REPORT, (id) => ({ id, status: "CANCELED" })],
          ["restartNode", `mutation($id: ID!) { restartNode(id: $id) { id } }`, (id) => ({ id })],
          ["resetNode", `mutation($id: ID!) { resetNode(id: $id) { id } }`, (id) => ({ id })],
          ["scheduleNode", `mutation($id: ID!) { scheduleNode(id: $id) { id } }`, (id) => ({ id })],
        ];

  for (const kind of ["workflow", "node"] as const) {
    for (const [name, query, vars] of byId(kind)) {
      it(`${name}: another client's ${kind} is NOT_FOUND, like a missing one, and nothing changes`, async () => {
        const id = kind === "workflow" ? wf : name === "addChildren" ? sig : child;
        const before = await dbSnapshot(s.database.url);
        const theirs = errorOf(await s.gql(v.token, query, vars(id)));
        const missingId = randomUUID();
        const missing = errorOf(await s.gql(v.token, query, vars(missingId)));
        assert.equal(theirs.code, "NOT_FOUND");
        assert.equal(missing.code, "NOT_FOUND");
        assert.equal(
          theirs.message.replace(id, "<id>"),
          missing.message.replace(missingId, "<id>"),
          "same answer: existence does not leak",
        );
        assert.deepEqual(await dbSnapshot(s.database.url), before);
      });
    }
  }

  it("findWorkflow: another client's identity is NOT_FOUND", async () => {
    const res = await s.gql(v.token, `query($s: JSON!) { findWorkflow(name: "secret", subject: $s) { id } }`, {
      s: SUBJECT,
    });
    assert.equal(errorOf(res).code, "NOT_FOUND");
    const mine = await s.ok(u.token, `query($s: JSON!) { findWorkflow(name: "secret", subject: $s) { id } }`, {
      s: SUBJECT,
    });
    assert.equal(mine.findWorkflow.id, wf);
  });

  it("createWorkflow with the same name and subject creates the caller's own workflow", async () => {
    const d = await s.ok(v.token, CREATE_WORKFLOW, { input: { name: "secret", subject: SUBJECT } });
    assert.notEqual(d.createWorkflow.id, wf);
    assert.equal(d.createWorkflow.clientId, v.id);
  });

  it("searches, names and lists never show another client's data", async () => {
    const w = await s.ok(v.token, `{ workflows(search: {name: "secret"}) { edges { node { id clientId } } } }`);
    assert.ok(w.workflows.edges.every((e: Json) => e.node.clientId === v.id));
    assert.ok(!w.workflows.edges.some((e: Json) => e.node.id === wf));
    const n = await s.ok(v.token, `{ nodes(search: {metadata: "u-only"}) { edges { node { id } } } }`);
    assert.deepEqual(n.nodes.edges, []);
    const byWorkflow = await s.ok(
      v.token,
      `query($w: ID!) { nodes(search: {workflowId: $w}) { edges { node { id } } } }`,
      { w: wf },
    );
    assert.deepEqual(byWorkflow.nodes.edges, []);
    const everything = await s.ok(v.token, `{ nodes(first: 100) { edges { node { clientId } } } }`);
    assert.ok(everything.nodes.edges.every((e: Json) => e.node.clientId === v.id));
    const names = await s.ok(v.token, `{ workflowNames }`);
    assert.deepEqual(names.workflowNames, ["secret"], "only its own workflow of that name");
    const own = await s.ok(u.token, `{ nodes(search: {metadata: "u-only"}) { edges { node { id } } } }`);
    assert.deepEqual(
      own.nodes.edges.map((e: Json) => e.node.id),
      [sig],
    );
  });

  it("a child assigned to another client is invisible to the owner, and vice versa", async () => {
    // Delegation is explicit: v runs u's work only once an operator says v accepts it.
    const refused = await s.gql(u.token, ADD_CHILDREN, { id: sig, children: [{ name: "for-v", clientId: v.id }] });
    assert.equal(errorOf(refused).code, "NOT_FOUND");
    await s.ok(ADMIN_TOKEN, SET_DELEGATION, { id: v.id, from: [u.id] });
    const [mine, theirs] = (
      await s.ok(u.token, ADD_CHILDREN, { id: sig, children: [{ name: "mine" }, { name: "for-v", clientId: v.id }] })
    ).addChildren as Json[];
    const tree = await s.ok(
      u.token,
      `query($id: ID!) { workflow(id: $id) { nodes { id } printTree } node(id: "${sig}") { children { id } } }`,
      {
        id: wf,
      },
    );
    assert.ok(tree.workflow.nodes.some((n: Json) => n.id === mine!.id));
    assert.ok(!tree.workflow.nodes.some((n: Json) => n.id === theirs!.id));
    assert.ok(!String(tree.workflow.printTree).includes("for-v"));
    assert.ok(!tree.node.children.some((n: Json) => n.id === theirs!.id));
    assert.equal(
      errorOf(await s.gql(u.token, `query($id: ID!) { node(id: $id) { id } }`, { id: theirs!.id })).code,
      "NOT_FOUND",
    );
    // v sees its node and, since it accepts u's work, the node's workflow; not the parent (assigned to u).
    const seen = await s.gql(v.token, `query($id: ID!) { node(id: $id) { id parentId parent { id } } }`, {
      id: theirs!.id,
    });
    assert.deepEqual(seen.body.data.node, { id: theirs!.id, parentId: sig, parent: null });
    const wfOfIt = `query($id: ID!) { node(id: $id) { workflow { id name } } }`;
    assert.deepEqual((await s.ok(v.token, wfOfIt, { id: theirs!.id })).node.workflow, { id: wf, name: "secret" });
    // Nor the workflow itself by id: only as the workflow of a node it runs.
    assert.equal(
      errorOf(await s.gql(v.token, `query($id: ID!) { workflow(id: $id) { id } }`, { id: wf })).code,
      "NOT_FOUND",
    );
    // Once v no longer accepts u's work, the workflow is hidden again.
    await s.ok(ADMIN_TOKEN, SET_DELEGATION, { id: v.id, from: [] });
    assert.equal(errorOf(await s.gql(v.token, wfOfIt, { id: theirs!.id })).code, "NOT_FOUND");
  });

  it("operator-only operations are FORBIDDEN to clients; the admin token sees everything", async () => {
    assert.equal(errorOf(await s.gql(v.token, `{ clients { id } }`)).code, "FORBIDDEN");
    const before = await dbSnapshot(s.database.url);
    const create = await s.gql(v.token, `mutation { createClient(input: {name: "sneaky"}) { token } }`);
    assert.equal(errorOf(create).code, "FORBIDDEN");
    assert.deepEqual(await dbSnapshot(s.database.url), before);
    const admin = await s.ok(
      "test-admin-token-0123456789",
      `query($id: ID!) { workflow(id: $id) { id } node(id: "${child}") { id } }`,
      { id: wf },
    );
    assert.equal(admin.workflow.id, wf);
    assert.equal(admin.node.id, child);
  });
});
