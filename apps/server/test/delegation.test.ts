// Delegation is explicit (issue 10): one client cannot make another client's pull worker hold or
// run anything that client has not accepted; probing a client id answers exactly as a random id;
// operators set who a client accepts work from (Client.acceptsWorkFrom), and a delegated node
// reaches the worker with its workflow. Signals and addChildren with an idempotency key create
// nothing when repeated.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { ADD_CHILDREN, CREATE_WORKFLOW, NODE_FIELDS, REPORT, SIGNAL } from "./fragments.ts";
import {
  ADMIN_TOKEN,
  dbSnapshot,
  errorOf,
  startServer,
  type GqlResponse,
  type Json,
  type TestClient,
  type TestServer,
} from "./support.ts";
import { subscribe, wsClient } from "./ws-support.ts";

const PULL = `subscription($c: Int) { nodesToRun(concurrency: $c) { id name clientId workflow { name subject decider } } }`;
const SET_DELEGATION = `mutation($id: ID!, $from: [ID!]!) {
  setClientDelegation(clientId: $id, acceptsWorkFrom: $from) { id name acceptsWorkFrom } }`;
const ADD_KEYED = `mutation($id: ID!, $children: [ChildNodeInput!]!, $key: String) {
  addChildren(nodeId: $id, children: $children, idempotencyKey: $key) { ${NODE_FIELDS} } }`;
const RANDOM_ID = "0f0e0d0c-0b0a-4909-8807-060504030201";

describe("delegation and idempotency keys over the API", () => {
  let s: TestServer;
  let victim: TestClient;
  let other: TestClient;
  before(async () => {
    s = await startServer();
    victim = await s.newClient("victim", { push: false });
    other = await s.newClient("other");
  });
  after(() => s.close());
  afterEach(() => {
    const errors = s.logged.filter((l) => l.level === "error");
    if (errors.length > 0) console.error("server errors:", JSON.stringify(errors, null, 1));
  });

  let count = 0;
  /** A workflow of `c` with one signal, sent: [workflow id, signal id]. */
  const sentSignal = async (c: TestClient): Promise<[string, string]> => {
    const wf = (await s.ok(c.token, CREATE_WORKFLOW, { input: { name: `wf-${++count}`, subject: count } }))
      .createWorkflow.id as string;
    const sig = (await s.ok(c.token, SIGNAL, { id: wf, input: { name: "sig" } })).signalWorkflow.id as string;
    await s.drain();
    return [wf, sig];
  };

  /** Everything a prober sees of a refusal, with the id it names taken out. */
  const seenOf = (res: GqlResponse, id: string) => {
    const e = errorOf(res);
    return {
      status: res.status,
      message: e.message.replace(id, "<id>"),
      extensions: e.extensions,
      data: res.body.data,
    };
  };

  it("a client cannot make another client's pull worker hold or run anything", async () => {
    const c = wsClient(s.url, victim.token);
    const worker = subscribe(c, PULL, { c: 1 });
    const [wf, sig] = await sentSignal(other);
    const before = await dbSnapshot(s.database.url);
    for (let i = 0; i < 3; i++) {
      const signal = await s.gql(other.token, SIGNAL, { id: wf, input: { name: `inject-${i}`, clientId: victim.id } });
      assert.equal(errorOf(signal).code, "NOT_FOUND");
      const child = await s.gql(other.token, ADD_CHILDREN, { id: sig, children: [{ name: "x", clientId: victim.id }] });
      assert.equal(errorOf(child).code, "NOT_FOUND");
    }
    await s.drain();
    assert.deepEqual(await dbSnapshot(s.database.url), before, "nothing was created");

    // The victim's worker is free: its own node arrives, and it is the only one it ever got.
    const [, own] = await sentSignal(victim);
    await worker.waitFor(1);
    assert.deepEqual(
      worker.events.map((e) => e.nodesToRun.id),
      [own],
    );
    await s.ok(victim.token, REPORT, { id: own, status: "COMPLETED" });
    worker.stop();
    await c.dispose();
  });

  it("probing: a client that does not accept work answers exactly as a random id", async () => {
    const [wf, sig] = await sentSignal(other);
    const probes = (id: string) => [
      () => s.gql(other.token, SIGNAL, { id: wf, input: { name: "probe", clientId: id } }),
      () => s.gql(other.token, ADD_CHILDREN, { id: sig, children: [{ name: "probe", clientId: id }] }),
    ];
    for (const [real, random] of [0, 1].map((i) => [probes(victim.id)[i]!, probes(RANDOM_ID)[i]!])) {
      const a = seenOf(await real!(), victim.id);
      const b = seenOf(await random!(), RANDOM_ID);
      assert.deepEqual(a, b);
      assert.equal(a.extensions.code, "NOT_FOUND");
      assert.equal(a.message, "Client <id> not found");
    }
  });

  it("operators set who a client accepts work from; a delegated node reaches the worker with its workflow", async () => {
    const set = (token: string, from: string[]) => s.gql(token, SET_DELEGATION, { id: victim.id, from });
    assert.equal(errorOf(await set(other.token, [other.id])).code, "FORBIDDEN", "not for clients");
    assert.equal(errorOf(await set(victim.token, [other.id])).code, "FORBIDDEN", "not even for itself");
    assert.equal(errorOf(await s.gql(ADMIN_TOKEN, SET_DELEGATION, { id: RANDOM_ID, from: [] })).code, "NOT_FOUND");
    assert.equal(errorOf(await set(ADMIN_TOKEN, ["nope"])).code, "BAD_USER_INPUT");
    assert.equal(errorOf(await set(ADMIN_TOKEN, [RANDOM_ID])).code, "BAD_USER_INPUT");
    const ok = await s.ok(ADMIN_TOKEN, SET_DELEGATION, { id: victim.id, from: [other.id] });
    assert.deepEqual(ok.setClientDelegation.acceptsWorkFrom, [other.id]);
    const listed = (await s.ok(ADMIN_TOKEN, `{ clients { id acceptsWorkFrom } }`)).clients as Json[];
    assert.deepEqual(listed.find((c) => c.id === victim.id)!.acceptsWorkFrom, [other.id]);
    assert.deepEqual(listed.find((c) => c.id === other.id)!.acceptsWorkFrom, []);
    const audit = await s.ok(ADMIN_TOKEN, `{ operatorActions(first: 5) { edges { node { action result } } } }`);
    assert.ok(
      (audit.operatorActions.edges as Json[]).some(
        (e) => e.node.action === "setClientDelegation" && e.node.result === "ok",
      ),
    );

    const c = wsClient(s.url, victim.token);
    const worker = subscribe(c, PULL, { c: 1 });
    const [wf, sig] = await sentSignal(other);
    const delegated = (await s.ok(other.token, SIGNAL, { id: wf, input: { name: "for-victim", clientId: victim.id } }))
      .signalWorkflow.id as string;
    // Signals run one at a time: the delegated one starts when the first is done.
    await s.ok(other.token, REPORT, { id: sig, status: "COMPLETED" });
    await s.drain();
    await worker.waitFor(1);
    const got = worker.events[0]!.nodesToRun;
    assert.equal(got.id, delegated);
    assert.equal(got.clientId, victim.id);
    assert.equal(got.workflow.name, `wf-${count}`, "the worker sees the workflow it works for");
    assert.equal(got.workflow.subject, count);
    const node = await s.ok(victim.token, `query($id: ID!) { node(id: $id) { workflow { id name } } }`, {
      id: delegated,
    });
    assert.equal(node.node.workflow.id, wf);
    const done = await s.ok(victim.token, REPORT, { id: delegated, status: "COMPLETED" });
    assert.equal(done.reportNodeStatus.clientStatus, "COMPLETE");
    worker.stop();
    await c.dispose();
    await s.ok(ADMIN_TOKEN, SET_DELEGATION, { id: victim.id, from: [] });
  });

  it("a repeated signal or addChildren with the same key creates nothing and answers the first result", async () => {
    const [wf, sig] = await sentSignal(other);
    const kids = [{ name: "a" }, { name: "b" }];
    const first = (await s.ok(other.token, ADD_KEYED, { id: sig, children: kids, key: "decide-1" }))
      .addChildren as Json[];
    const signal = (await s.ok(other.token, SIGNAL, { id: wf, input: { name: "next", idempotencyKey: "sig-1" } }))
      .signalWorkflow.id as string;
    const before = await dbSnapshot(s.database.url);
    const again = (await s.ok(other.token, ADD_KEYED, { id: sig, children: [{ name: "z" }], key: "decide-1" }))
      .addChildren as Json[];
    const signalAgain = (await s.ok(other.token, SIGNAL, { id: wf, input: { name: "else", idempotencyKey: "sig-1" } }))
      .signalWorkflow;
    assert.deepEqual(
      again.map((n) => n.id),
      first.map((n) => n.id),
    );
    assert.deepEqual(
      again.map((n) => n.name),
      ["a", "b"],
    );
    assert.equal(signalAgain.id, signal);
    assert.equal(signalAgain.name, "next");
    assert.deepEqual(await dbSnapshot(s.database.url), before, "nothing created or changed");
    const bad = await s.gql(other.token, ADD_KEYED, { id: sig, children: kids, key: "" });
    assert.equal(errorOf(bad).code, "BAD_USER_INPUT");
  });
});
