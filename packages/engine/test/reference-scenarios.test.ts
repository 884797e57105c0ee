// Reference §10.1 A1–A4, step by step, through the engine's public operations, with a real HTTP
// server as the client and a manual clock.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createHarness, type Harness } from "../src/testing/index.ts";

const SUBJECT = { subject_klass: "PaymentTerm", subject_id: "100" };
const activityDecision = (extra: Record<string, unknown> = {}) => ({
  name: "name_1",
  clientData: { params: [{ firstName: "John", lastName: "Smith" }, 123] },
  metadata: { version: "v2" },
  mode: "blocking",
  retryInterval: 21600,
  ...extra,
});

describe("reference scenarios A1–A4", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  async function newWorkflow(name: string) {
    return h.engine.createWorkflow(h.caller, { name, subject: SUBJECT, decider: "PaymentDecider" });
  }

  it("A1: a basic signal runs to completion", async () => {
    h.fake.clear();
    const w = await newWorkflow("A1");
    const s = await h.engine.signalWorkflow(h.caller, w.id, { name: "test", clientData: { data: "123" } });
    assert.equal(s.parentId, null);
    assert.equal(`${s.serverStatus}/${s.clientStatus}`, "ready/ready", "the answer is the node as created");
    // Its pass ran in the signal's own transaction (ScheduleNextNode, without a job in between).
    assert.equal(await h.status(s.id), "sent_to_client/received");

    await h.drain();
    const posts = h.fake.at("/decision");
    assert.equal(posts.length, 1);
    assert.equal(h.fake.requests.length, 1);
    assert.equal(posts[0]!.body.decision.id, s.id);
    assert.equal(posts[0]!.body.decision.currentServerStatus, "sent_to_client");
    assert.equal(posts[0]!.body.decision.currentClientStatus, "received");
    assert.deepEqual(posts[0]!.body.decision.clientData, { data: "123" });
    assert.ok(posts[0]!.signatureValid, "push requests carry a valid HMAC signature");

    await h.engine.reportNodeStatus(h.caller, s.id, "deciding");
    assert.equal(await h.status(s.id), "sent_to_client/processing");
    const [a] = await h.engine.addChildren(h.caller, s.id, [activityDecision()]);
    assert.equal(await h.status(s.id), "sent_to_client/processing");
    assert.equal((await h.children(s.id)).length, 1);
    assert.equal(await h.status(a!.id), "pending/pending");

    await h.engine.reportNodeStatus(h.caller, s.id, "deciding_complete");
    assert.equal(await h.status(s.id), "processing_children/complete");
    assert.equal(await h.status(a!.id), "ready/ready");

    await h.drain();
    assert.equal(await h.status(a!.id), "sent_to_client/received");
    const activityPosts = h.fake.at("/activity");
    assert.equal(activityPosts.length, 1);
    assert.equal(activityPosts[0]!.body.activity.id, a!.id);
    assert.equal(activityPosts[0]!.body.activity.workflowName, "A1");
    assert.deepEqual(activityPosts[0]!.body.activity.subject, SUBJECT);

    await h.engine.reportNodeStatus(h.caller, a!.id, "completed", { result: 42 });
    assert.equal(await h.status(a!.id), "complete/complete", "a leaf completes with its report");

    await h.drain();
    assert.equal(await h.status(a!.id), "complete/complete");
    assert.equal(await h.status(s.id), "complete/complete");
    assert.equal(h.fake.requests.length, 2, "no other request was made");
  });

  it("A2: blocking, non-blocking and fire-and-forget children", async () => {
    h.fake.clear();
    const w = await newWorkflow("A2");
    const s = await h.engine.signalWorkflow(h.caller, w.id, { name: "test" });
    await h.drain();
    await h.engine.reportNodeStatus(h.caller, s.id, "deciding");
    const kids = await h.engine.addChildren(h.caller, s.id, [
      activityDecision({ mode: "non_blocking" }),
      activityDecision({ mode: "blocking" }),
      activityDecision({ mode: "non_blocking" }),
      activityDecision({ mode: "fire_and_forget" }),
    ]);
    const [c0, c1, c2, c3] = kids.map((k) => k.id) as [string, string, string, string];
    assert.equal(await h.status(s.id), "sent_to_client/processing");

    await h.engine.reportNodeStatus(h.caller, s.id, "deciding_complete");
    assert.equal(await h.status(s.id), "processing_children/complete");
    for (const id of [c0, c1, c2, c3]) assert.equal(await h.status(id), "ready/ready");

    await h.drain();
    assert.equal(await h.status(c0), "sent_to_client/received");
    assert.equal(await h.status(c1), "sent_to_client/received");
    assert.equal(await h.status(c2), "ready/ready");
    assert.equal(await h.status(c3), "ready/ready");

    await h.engine.reportNodeStatus(h.caller, c0, "completed");
    await h.engine.reportNodeStatus(h.caller, c1, "completed");
    assert.equal(await h.status(c0), "complete/complete", "a leaf completes with its report");
    assert.equal(await h.status(c1), "complete/complete", "a leaf completes with its report");

    await h.drain();
    assert.equal(await h.status(c0), "complete/complete");
    assert.equal(await h.status(c1), "complete/complete");
    assert.equal(await h.status(c2), "sent_to_client/received");
    assert.equal(await h.status(c3), "sent_to_client/received");
    assert.equal(await h.status(s.id), "processing_children/complete");

    await h.engine.reportNodeStatus(h.caller, c2, "completed");
    assert.equal(await h.status(c2), "complete/complete", "a leaf completes with its report");
    assert.equal(await h.status(s.id), "processing_children/complete");

    await h.drain();
    assert.equal(await h.status(c2), "complete/complete");
    assert.equal(await h.status(s.id), "complete/complete", "the signal does not wait for its fire-and-forget child");
    assert.equal(await h.status(c3), "sent_to_client/received");

    await h.engine.reportNodeStatus(h.caller, c3, "completed");
    await h.drain();
    assert.equal(await h.status(c3), "complete/complete");
    assert.equal(await h.status(s.id), "complete/complete");
  });

  it("A3: two signals run one after the other", async () => {
    h.fake.clear();
    const w = await newWorkflow("A3");
    const s1 = await h.engine.signalWorkflow(h.caller, w.id, { name: "test" });
    const s2 = await h.engine.signalWorkflow(h.caller, w.id, { name: "test_2" });
    assert.equal(await h.status(s1.id), "sent_to_client/received");
    assert.equal(await h.status(s2.id), "ready/ready", "the second waits behind the first");

    await h.drain();
    assert.equal(await h.status(s1.id), "sent_to_client/received");
    assert.equal(await h.status(s2.id), "ready/ready");
    assert.deepEqual(
      h.fake.at("/decision").map((r) => r.body.decision.id),
      [s1.id],
    );

    for (const [signal, next] of [
      [s1, s2],
      [s2, null],
    ] as const) {
      await h.engine.reportNodeStatus(h.caller, signal.id, "deciding");
      const [a] = await h.engine.addChildren(h.caller, signal.id, [activityDecision()]);
      await h.engine.reportNodeStatus(h.caller, signal.id, "deciding_complete");
      assert.equal(await h.status(signal.id), "processing_children/complete");
      assert.equal(await h.status(a!.id), "ready/ready");
      await h.drain();
      assert.equal(await h.status(a!.id), "sent_to_client/received");
      await h.engine.reportNodeStatus(h.caller, a!.id, "completed");
      assert.equal(await h.status(a!.id), "complete/complete", "a leaf completes with its report");
      await h.drain();
      assert.equal(await h.status(a!.id), "complete/complete");
      assert.equal(await h.status(signal.id), "complete/complete");
      if (next) {
        assert.equal(await h.status(next.id), "sent_to_client/received");
        assert.deepEqual(
          h.fake.at("/decision").map((r) => r.body.decision.id),
          [s1.id, s2.id],
        );
      }
    }
  });

  it("A4: a flag completes without any request to the client", async () => {
    h.fake.clear();
    const w = await newWorkflow("A4");
    const s = await h.engine.signalWorkflow(h.caller, w.id, { name: "test" });
    await h.drain();
    await h.engine.reportNodeStatus(h.caller, s.id, "deciding");
    const [flag, activity] = await h.engine.addChildren(h.caller, s.id, [
      { name: "my_flag", type: "flag" },
      activityDecision({ mode: "non_blocking" }),
    ]);
    await h.engine.reportNodeStatus(h.caller, s.id, "deciding_complete");
    assert.equal(await h.status(flag!.id), "ready/ready");
    assert.equal(await h.status(activity!.id), "ready/ready");
    h.fake.clear();

    await h.drain();
    assert.equal(await h.status(flag!.id), "complete/complete");
    assert.equal(await h.status(activity!.id), "sent_to_client/received");
    assert.equal(h.fake.requests.length, 1, "only the activity was POSTed");
    assert.equal(h.fake.requests[0]!.body.activity.id, activity!.id);
  });
});
