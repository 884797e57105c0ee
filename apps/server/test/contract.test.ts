// Every query and mutation of the contract, at least once, over HTTP against a real server, with
// the fields a client would select. Semantics are the engine's (tested there); this checks the
// mapping: names, enums, scalars, defaults, relations.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  ADD_CHILDREN,
  CREATE_WORKFLOW,
  NODE_FIELDS,
  REPORT,
  SIGNAL,
  STATUS_CHANGE_FIELDS,
  SUBJECT,
  WORKFLOW_FIELDS,
} from "./fragments.ts";
import { ADMIN_TOKEN, change, startServer, statuses, type Json, type TestClient, type TestServer } from "./support.ts";

describe("the contract over HTTP", () => {
  let s: TestServer;
  let u: TestClient;
  let workflow: Json;
  let signal: Json;
  let kids: Json[];
  before(async () => {
    s = await startServer();
    u = await s.newClient("client-u");
  });
  after(() => s.close());

  const status = async (id: string) => {
    const d = await s.ok(u.token, `query($id: ID!) { node(id: $id) { serverStatus clientStatus } }`, { id });
    return statuses(d.node);
  };

  it("GET /health reports that the database is reachable; every response has a request id", async () => {
    const res = await fetch(s.url.replace("/graphql", "/health"));
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "OK", database: "reachable" });
    assert.match(res.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    const gql = await s.gql(ADMIN_TOKEN, `{ workflowNames }`);
    assert.ok(gql.headers.get("x-request-id"));
  });

  it("createClient returns the token and signing secret once; clients lists them (operators)", async () => {
    const d = await s.ok(
      ADMIN_TOKEN,
      `mutation { createClient(input: {name: "pull-client"}) { token signingSecret client { id name activityEndpoint decisionEndpoint notificationEndpoint createdAt } } }`,
    );
    assert.match(d.createClient.token, /^[\w-]{40,}$/);
    assert.match(d.createClient.signingSecret, /^[\w-]{40,}$/);
    assert.deepEqual(
      { ...d.createClient.client, id: undefined, createdAt: undefined },
      {
        id: undefined,
        name: "pull-client",
        activityEndpoint: null,
        decisionEndpoint: null,
        notificationEndpoint: null,
        createdAt: undefined,
      },
    );
    assert.match(d.createClient.client.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const list = await s.ok(
      ADMIN_TOKEN,
      `{ clients { id name activityEndpoint decisionEndpoint notificationEndpoint createdAt } }`,
    );
    assert.deepEqual(
      list.clients.map((c: Json) => c.name),
      ["client-u", "pull-client"],
    );
    assert.equal(list.clients[0].activityEndpoint, `${u.fake.baseUrl}/activity`);
  });

  it("createWorkflow finds or creates by (client, name, subject as JSON); decider defaults to the name", async () => {
    const d = await s.ok(u.token, CREATE_WORKFLOW, {
      input: { name: "WFType", subject: SUBJECT, decider: "PaymentDecider" },
    });
    workflow = d.createWorkflow;
    assert.equal(workflow.name, "WFType");
    assert.deepEqual(workflow.subject, SUBJECT);
    assert.equal(workflow.decider, "PaymentDecider");
    assert.equal(workflow.complete, false);
    assert.equal(workflow.paused, false);
    assert.equal(workflow.clientId, u.id);
    assert.equal(workflow.createdAt, "2030-01-01T00:00:00.000Z");
    const again = await s.ok(u.token, CREATE_WORKFLOW, {
      input: { name: "WFType", subject: { subject_id: "100", subject_klass: "PaymentTerm" } },
    });
    assert.equal(again.createWorkflow.id, workflow.id, "key order does not matter");
    const other = await s.ok(u.token, CREATE_WORKFLOW, { input: { name: "Other", subject: [1, "two"] } });
    assert.notEqual(other.createWorkflow.id, workflow.id);
    assert.equal(other.createWorkflow.decider, "Other");
  });

  it("findWorkflow looks a workflow up by name and subject", async () => {
    const d = await s.ok(u.token, `query($s: JSON!) { findWorkflow(name: "WFType", subject: $s) { id } }`, {
      s: { subject_id: "100", subject_klass: "PaymentTerm" },
    });
    assert.equal(d.findWorkflow.id, workflow.id);
  });

  it("workflowNames lists distinct names, sorted, fresh", async () => {
    assert.deepEqual((await s.ok(u.token, `{ workflowNames }`)).workflowNames, ["Other", "WFType"]);
    await s.ok(u.token, CREATE_WORKFLOW, { input: { name: "Another", subject: 1 } });
    assert.deepEqual((await s.ok(u.token, `{ workflowNames }`)).workflowNames, ["Another", "Other", "WFType"]);
  });

  it("signalWorkflow creates a READY decision node; the drain pushes it to the client", async () => {
    const d = await s.ok(u.token, SIGNAL, {
      id: workflow.id,
      input: { name: "test", clientData: { data: "123" }, metadata: { v: 1 } },
    });
    signal = d.signalWorkflow;
    assert.deepEqual(
      { ...signal, id: undefined },
      {
        id: undefined,
        workflowId: workflow.id,
        parentId: null,
        name: "test",
        mode: "BLOCKING",
        type: "DECISION",
        clientId: u.id,
        serverStatus: "READY",
        clientStatus: "READY",
        firesAt: "2029-12-31T23:59:59.000Z",
        retriesRemaining: 6,
        retryInterval: 1200,
        completeBy: null,
        clientData: { data: "123" },
        metadata: { v: 1 },
        parentLinkId: null,
        createdAt: "2030-01-01T00:00:00.000Z",
      },
    );
    await s.drain();
    assert.equal(await status(signal.id), "SENT_TO_CLIENT/RECEIVED");
    const posts = u.fake.at("/decision");
    assert.equal(posts.length, 1);
    assert.equal(posts[0]!.body.decision.id, signal.id);
    assert.ok(posts[0]!.signatureValid, "signed with the secret that createClient returned");
  });

  it("reportNodeStatus PROCESSING, addChildren (defaults BLOCKING/ACTIVITY), COMPLETED with a response", async () => {
    const p = await s.ok(u.token, REPORT, { id: signal.id, status: "PROCESSING" });
    assert.equal(p.reportNodeStatus.clientStatus, "PROCESSING");
    assert.ok(p.reportNodeStatus.completeBy, "a fresh deadline");
    const d = await s.ok(u.token, ADD_CHILDREN, {
      id: signal.id,
      children: [
        { name: "plain" },
        { name: "flag", type: "FLAG", mode: "NON_BLOCKING" },
        {
          name: "later",
          mode: "FIRE_AND_FORGET",
          firesAt: "2030-01-02T00:00:00Z",
          retry: 2,
          retryInterval: 60,
          clientData: { x: [1] },
        },
      ],
    });
    kids = d.addChildren;
    assert.deepEqual(
      kids.map((k) => [k.name, k.mode, k.type, k.serverStatus, k.clientStatus, k.parentId]),
      [
        ["plain", "BLOCKING", "ACTIVITY", "PENDING", "PENDING", signal.id],
        ["flag", "NON_BLOCKING", "FLAG", "PENDING", "PENDING", signal.id],
        ["later", "FIRE_AND_FORGET", "ACTIVITY", "PENDING", "PENDING", signal.id],
      ],
    );
    assert.equal(kids[2]!.firesAt, "2030-01-02T00:00:00.000Z");
    assert.equal(kids[2]!.retriesRemaining, 2);
    const c = await s.ok(u.token, REPORT, { id: signal.id, status: "COMPLETED", response: { result: 42 } });
    assert.equal(statuses(c.reportNodeStatus), "PROCESSING_CHILDREN/COMPLETE");
  });

  it("node(id) with its relations, audit log, errors and response", async () => {
    const d = await s.ok(
      u.token,
      `query($id: ID!) { node(id: $id) { ${NODE_FIELDS}
        workflow { id name } parent { id } children { id name }
        statusChanges { ${STATUS_CHANGE_FIELDS} } errors { id } response } }`,
      { id: signal.id },
    );
    const n = d.node;
    assert.equal(n.workflow.id, workflow.id);
    assert.equal(n.parent, null);
    assert.deepEqual(
      n.children.map((c: Json) => c.name),
      ["plain", "flag", "later"],
    );
    assert.deepEqual(n.errors, []);
    assert.deepEqual(n.response, { result: 42 });
    assert.deepEqual(n.statusChanges.map(change), [
      "SERVER:ready→started",
      "SERVER:started→sent_to_client",
      "CLIENT:ready→received",
      "CLIENT:received→processing",
      "CLIENT:processing→complete",
      "SERVER:sent_to_client→processing_children",
    ]);
    const last = n.statusChanges.at(-1);
    assert.equal(last.nodeId, signal.id);
    assert.deepEqual(last.response, { result: 42 });
    assert.match(last.id, /^\d+$/);
    const child = await s.ok(u.token, `query($id: ID!) { node(id: $id) { parent { id } response } }`, {
      id: kids[0]!.id,
    });
    assert.equal(child.node.parent.id, signal.id);
    assert.equal(child.node.response, null, "no client-status change yet");
  });

  it("workflow(id) with client, children, nodes (filtered by status) and printTree", async () => {
    await s.drain();
    const d = await s.ok(
      u.token,
      `query($id: ID!) { workflow(id: $id) { ${WORKFLOW_FIELDS} client { id name } children { id }
        nodes { name serverStatus } sent: nodes(serverStatus: SENT_TO_CLIENT) { name }
        received: nodes(serverStatus: SENT_TO_CLIENT, clientStatus: RECEIVED) { name } printTree } }`,
      { id: workflow.id },
    );
    const w = d.workflow;
    assert.equal(w.client.name, "client-u");
    assert.deepEqual(
      w.children.map((c: Json) => c.id),
      [signal.id],
    );
    assert.deepEqual(
      w.nodes.map((n: Json) => n.name),
      ["test", "plain", "flag", "later"],
    );
    assert.deepEqual(
      w.sent.map((n: Json) => n.name),
      ["plain"],
    );
    assert.deepEqual(
      w.received.map((n: Json) => n.name),
      ["plain"],
    );
    assert.equal(
      w.printTree,
      [
        "",
        `${String(workflow.id)}|--WFType`,
        `${String(signal.id)}   |--test - server: processing_children, client: complete`,
        `${String(kids[0]!.id)}      |--plain - server: sent_to_client, client: received`,
        `${String(kids[1]!.id)}      |--flag - server: ready, client: ready`,
        `${String(kids[2]!.id)}      |--later - server: ready, client: ready`,
      ].join("\n"),
    );
  });

  it("workflows and nodes: search, newest first, with cursors", async () => {
    const w = await s.ok(
      u.token,
      `{ workflows(first: 2) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`,
    );
    assert.equal(w.workflows.edges.length, 2);
    assert.equal(w.workflows.pageInfo.hasNextPage, true);
    const rest = await s.ok(
      u.token,
      `query($after: String) { workflows(first: 2, after: $after) { edges { node { name } } pageInfo { hasNextPage } } }`,
      {
        after: w.workflows.pageInfo.endCursor,
      },
    );
    const names = [...w.workflows.edges, ...rest.workflows.edges].map((e: Json) => e.node.name);
    assert.deepEqual(names.sort(), ["Another", "Other", "WFType"]);
    assert.equal(rest.workflows.pageInfo.hasNextPage, false);
    const byStatus = await s.ok(
      u.token,
      `{ workflows(search: {currentStatus: "sent_to_client", pastStatus: "processing"}) { edges { node { id } } } }`,
    );
    assert.deepEqual(
      byStatus.workflows.edges.map((e: Json) => e.node.id),
      [workflow.id],
    );
    const n = await s.ok(
      u.token,
      `query($w: ID!) { nodes(search: {workflowId: $w, currentStatus: "ready"}) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`,
      {
        w: workflow.id,
      },
    );
    assert.deepEqual(n.nodes.edges.map((e: Json) => e.node.name).sort(), ["flag", "later"]);
  });

  it("restartNode, resetNode and scheduleNode", async () => {
    const plain = kids[0]!.id as string;
    const e = await s.ok(u.token, REPORT, { id: plain, status: "ERRORED", response: { error: { message: "boom" } } });
    assert.equal(statuses(e.reportNodeStatus), "RETRYING/ERRORED");
    const errs = await s.ok(u.token, `query($id: ID!) { node(id: $id) { errors { statusType toStatus response } } }`, {
      id: plain,
    });
    assert.deepEqual(errs.node.errors, [
      { statusType: "CLIENT", toStatus: "errored", response: { error: { message: "boom" } } },
    ]);
    const r = await s.ok(u.token, `mutation($id: ID!) { restartNode(id: $id) { id serverStatus clientStatus } }`, {
      id: plain,
    });
    assert.equal(statuses(r.restartNode), "READY/READY");
    await s.drain();
    assert.equal(await status(plain), "SENT_TO_CLIENT/RECEIVED");
    const reset = await s.ok(u.token, `mutation($id: ID!) { resetNode(id: $id) { id serverStatus } }`, {
      id: signal.id,
    });
    assert.equal(reset.resetNode.id, signal.id);
    assert.equal(await status(plain), "DEACTIVATED/RECEIVED");
    const sched = await s.ok(u.token, `mutation($id: ID!) { scheduleNode(id: $id) { id } }`, { id: signal.id });
    assert.equal(sched.scheduleNode.id, signal.id);
    await s.drain();
    assert.equal(await status(signal.id), "COMPLETE/COMPLETE", "the pass finds nothing left to wait for");
  });

  it("pauseWorkflow, resumeWorkflow and completeWorkflow", async () => {
    const p = await s.ok(u.token, `mutation($id: ID!) { pauseWorkflow(id: $id) { id paused } }`, { id: workflow.id });
    assert.equal(p.pauseWorkflow.paused, true);
    const sig = await s.ok(u.token, SIGNAL, { id: workflow.id, input: { name: "while-paused" } });
    await s.drain();
    assert.equal(await status(sig.signalWorkflow.id), "PAUSED/READY");
    const r = await s.ok(u.token, `mutation($id: ID!) { resumeWorkflow(id: $id) { paused } }`, { id: workflow.id });
    assert.equal(r.resumeWorkflow.paused, false);
    await s.drain();
    assert.equal(await status(sig.signalWorkflow.id), "SENT_TO_CLIENT/RECEIVED");
    const c = await s.ok(u.token, `mutation($id: ID!) { completeWorkflow(id: $id) { complete } }`, { id: workflow.id });
    assert.equal(c.completeWorkflow.complete, true);
    const refused = await s.gql(u.token, SIGNAL, { id: workflow.id, input: { name: "too-late" } });
    assert.equal(refused.body.errors[0].extensions.code, "CONFLICT");
  });

  it("an operator sees every client's workflows and creates workflows for a client", async () => {
    const d = await s.ok(ADMIN_TOKEN, CREATE_WORKFLOW, { input: { name: "ops", subject: {}, clientId: u.id } });
    assert.equal(d.createWorkflow.clientId, u.id);
    const found = await s.ok(
      ADMIN_TOKEN,
      `query($c: ID) { findWorkflow(name: "WFType", subject: {subject_klass: "PaymentTerm", subject_id: "100"}, clientId: $c) { id } }`,
      {
        c: u.id,
      },
    );
    assert.equal(found.findWorkflow.id, workflow.id);
    const names = await s.ok(ADMIN_TOKEN, `{ workflowNames }`);
    assert.ok(names.workflowNames.includes("ops"));
    // Any JSON value is a subject, including a bare string (stored as jsonb, never re-parsed).
    for (const subject of ["just a string", 0, [null], { nested: { deep: [true] } }]) {
      const w = await s.ok(ADMIN_TOKEN, CREATE_WORKFLOW, { input: { name: "any-json", subject, clientId: u.id } });
      assert.deepEqual(w.createWorkflow.subject, subject);
    }
    const paused = await s.ok(ADMIN_TOKEN, `mutation($id: ID!) { pauseWorkflow(id: $id) { paused } }`, {
      id: workflow.id,
    });
    assert.equal(paused.pauseWorkflow.paused, true);
  });
});
