// Reference §10.1 A1–A4 driven only through GraphQL over HTTP; the client application is a real
// HTTP server (FakeClient) that receives the pushes. deciding/deciding_complete are PROCESSING and
// COMPLETED.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ADD_CHILDREN, CREATE_WORKFLOW, REPORT, SIGNAL, STATUS, SUBJECT } from "./fragments.ts";
import { startServer, statuses, type Json, type TestClient, type TestServer } from "./support.ts";

const activityDecision = (extra: Json = {}) => ({
  name: "name_1",
  type: "ACTIVITY",
  clientData: { params: [{ firstName: "John", lastName: "Smith" }, 123] },
  metadata: { version: "v2" },
  mode: "BLOCKING",
  retryInterval: 21600,
  ...extra,
});

describe("reference scenarios A1–A4 over GraphQL", () => {
  let s: TestServer;
  let u: TestClient;
  before(async () => {
    s = await startServer();
    u = await s.newClient("client-u");
  });
  after(() => s.close());

  const status = async (id: string) => statuses((await s.ok(u.token, STATUS, { id })).node);
  const newWorkflow = async (name: string): Promise<string> =>
    (await s.ok(u.token, CREATE_WORKFLOW, { input: { name, subject: SUBJECT, decider: "PaymentDecider" } }))
      .createWorkflow.id;
  const signal = async (workflowId: string, name: string, input: Json = {}): Promise<string> =>
    (await s.ok(u.token, SIGNAL, { id: workflowId, input: { name, ...input } })).signalWorkflow.id;
  const report = (id: string, st: string, response?: Json) => s.ok(u.token, REPORT, { id, status: st, response });
  const decide = async (id: string, children: Json[]): Promise<string[]> =>
    (await s.ok(u.token, ADD_CHILDREN, { id, children })).addChildren.map((c: Json) => c.id as string);
  const childrenOf = async (id: string): Promise<string[]> =>
    (await s.ok(u.token, `query($id: ID!) { node(id: $id) { children { id } } }`, { id })).node.children.map(
      (c: Json) => c.id,
    );

  it("A1: a basic signal runs to completion", async () => {
    u.fake.clear();
    const w = await newWorkflow("A1");
    const sig = await signal(w, "test", { clientData: { data: "123" } });
    const top = await s.ok(u.token, `query($id: ID!) { workflow(id: $id) { children { id parentId } } }`, { id: w });
    assert.deepEqual(top.workflow.children, [{ id: sig, parentId: null }]);
    // Its pass ran in the signal's own transaction (ScheduleNextNode, without a job in between).
    assert.equal(await status(sig), "SENT_TO_CLIENT/RECEIVED");

    await s.drain();
    const posts = u.fake.at("/decision");
    assert.equal(posts.length, 1);
    assert.equal(u.fake.requests.length, 1);
    assert.equal(posts[0]!.body.decision.id, sig);
    assert.equal(posts[0]!.body.decision.currentServerStatus, "sent_to_client");
    assert.equal(posts[0]!.body.decision.currentClientStatus, "received");
    assert.deepEqual(posts[0]!.body.decision.clientData, { data: "123" });
    assert.ok(posts[0]!.signatureValid);

    await report(sig, "PROCESSING");
    assert.equal(await status(sig), "SENT_TO_CLIENT/PROCESSING");
    const [a] = await decide(sig, [activityDecision()]);
    assert.equal(await status(sig), "SENT_TO_CLIENT/PROCESSING");
    assert.deepEqual(await childrenOf(sig), [a]);
    assert.equal(await status(a!), "PENDING/PENDING");

    await report(sig, "COMPLETED");
    assert.equal(await status(sig), "PROCESSING_CHILDREN/COMPLETE");
    assert.equal(await status(a!), "READY/READY");

    await s.drain();
    assert.equal(await status(a!), "SENT_TO_CLIENT/RECEIVED");
    const activity = u.fake.at("/activity");
    assert.equal(activity.length, 1);
    assert.equal(activity[0]!.body.activity.id, a);
    assert.equal(activity[0]!.body.activity.workflowName, "A1");
    assert.deepEqual(activity[0]!.body.activity.subject, SUBJECT);

    await report(a!, "COMPLETED", { result: 42 });
    assert.equal(await status(a!), "COMPLETE/COMPLETE", "a leaf completes with its report");
    await s.drain();
    assert.equal(await status(a!), "COMPLETE/COMPLETE");
    assert.equal(await status(sig), "COMPLETE/COMPLETE");
    assert.equal(u.fake.requests.length, 2, "no other request was made");
  });

  it("A2: blocking, non-blocking and fire-and-forget children", async () => {
    u.fake.clear();
    const w = await newWorkflow("A2");
    const sig = await signal(w, "test");
    await s.drain();
    await report(sig, "PROCESSING");
    const kids = await decide(sig, [
      activityDecision({ mode: "NON_BLOCKING" }),
      activityDecision({ mode: "BLOCKING" }),
      activityDecision({ mode: "NON_BLOCKING" }),
      activityDecision({ mode: "FIRE_AND_FORGET" }),
    ]);
    assert.equal(kids.length, 4);
    assert.equal(await status(sig), "SENT_TO_CLIENT/PROCESSING");
    await report(sig, "COMPLETED");
    assert.equal(await status(sig), "PROCESSING_CHILDREN/COMPLETE");
    for (const k of kids) assert.equal(await status(k), "READY/READY");

    await s.drain();
    assert.deepEqual(await Promise.all(kids.map(status)), [
      "SENT_TO_CLIENT/RECEIVED",
      "SENT_TO_CLIENT/RECEIVED",
      "READY/READY",
      "READY/READY",
    ]);
    await report(kids[0]!, "COMPLETED");
    await report(kids[1]!, "COMPLETED");
    assert.equal(await status(kids[0]!), "COMPLETE/COMPLETE", "a leaf completes with its report");
    assert.equal(await status(kids[1]!), "COMPLETE/COMPLETE", "a leaf completes with its report");

    await s.drain();
    assert.deepEqual(await Promise.all(kids.map(status)), [
      "COMPLETE/COMPLETE",
      "COMPLETE/COMPLETE",
      "SENT_TO_CLIENT/RECEIVED",
      "SENT_TO_CLIENT/RECEIVED",
    ]);
    assert.equal(await status(sig), "PROCESSING_CHILDREN/COMPLETE");
    await report(kids[2]!, "COMPLETED");
    assert.equal(await status(kids[2]!), "COMPLETE/COMPLETE", "a leaf completes with its report");
    assert.equal(await status(sig), "PROCESSING_CHILDREN/COMPLETE");

    await s.drain();
    assert.equal(await status(kids[2]!), "COMPLETE/COMPLETE");
    assert.equal(await status(sig), "COMPLETE/COMPLETE", "fire-and-forget is not waited for");
    assert.equal(await status(kids[3]!), "SENT_TO_CLIENT/RECEIVED");
    await report(kids[3]!, "COMPLETED");
    await s.drain();
    assert.equal(await status(kids[3]!), "COMPLETE/COMPLETE");
    assert.equal(await status(sig), "COMPLETE/COMPLETE");
  });

  it("A3: two signals run one after the other", async () => {
    u.fake.clear();
    const w = await newWorkflow("A3");
    const s1 = await signal(w, "test");
    const s2 = await signal(w, "test_2");
    assert.equal(await status(s1), "SENT_TO_CLIENT/RECEIVED");
    assert.equal(await status(s2), "READY/READY", "the second waits behind the first");

    await s.drain();
    assert.equal(await status(s1), "SENT_TO_CLIENT/RECEIVED");
    assert.equal(await status(s2), "READY/READY");
    assert.deepEqual(
      u.fake.at("/decision").map((r) => r.body.decision.id),
      [s1],
    );

    for (const [sig, next] of [
      [s1, s2],
      [s2, null],
    ] as const) {
      await report(sig, "PROCESSING");
      const [a] = await decide(sig, [activityDecision()]);
      await report(sig, "COMPLETED");
      assert.equal(await status(sig), "PROCESSING_CHILDREN/COMPLETE");
      assert.equal(await status(a!), "READY/READY");
      await s.drain();
      assert.equal(await status(a!), "SENT_TO_CLIENT/RECEIVED");
      await report(a!, "COMPLETED");
      assert.equal(await status(a!), "COMPLETE/COMPLETE", "a leaf completes with its report");
      await s.drain();
      assert.equal(await status(a!), "COMPLETE/COMPLETE");
      assert.equal(await status(sig), "COMPLETE/COMPLETE");
      if (next) {
        assert.equal(await status(next), "SENT_TO_CLIENT/RECEIVED");
        assert.deepEqual(
          u.fake.at("/decision").map((r) => r.body.decision.id),
          [s1, s2],
        );
      }
    }
  });

  it("A4: flags need no client", async () => {
    u.fake.clear();
    const w = await newWorkflow("A4");
    const sig = await signal(w, "test");
    await s.drain();
    await report(sig, "PROCESSING");
    const [flag, activity] = await decide(sig, [
      { name: "my_flag", type: "FLAG" },
      activityDecision({ mode: "NON_BLOCKING" }),
    ]);
    await report(sig, "COMPLETED");
    assert.equal(await status(flag!), "READY/READY");
    assert.equal(await status(activity!), "READY/READY");
    const before = u.fake.requests.length;

    await s.drain();
    assert.equal(await status(flag!), "COMPLETE/COMPLETE");
    assert.equal(await status(activity!), "SENT_TO_CLIENT/RECEIVED");
    const posted = u.fake.requests.slice(before).map((r) => (r.body.activity ?? r.body.decision) as Json);
    assert.deepEqual(
      posted.map((n) => n.id),
      [activity],
      "one POST, for the activity; none for the flag",
    );
  });
});
