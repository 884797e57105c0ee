// Work for another client (reference §2.3 client_id, §7.5): a child may name a second client that
// runs it. It is POSTed to that client's endpoint, and only that client may report on it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Caller } from "../src/caller.ts";
import { createHarness, FakeClient, type Harness } from "../src/testing/index.ts";
import {
  audit,
  type Body,
  newWorkflow,
  notificationsFor,
  postedIds,
  rejectsWith,
  sentSignal,
  snapshot,
} from "./support.ts";

describe("work for another client", () => {
  let h: Harness;
  let other: FakeClient;
  let otherCaller: Caller & { kind: "client" };
  before(async () => {
    h = await createHarness();
    other = await new FakeClient().start();
    const { client } = await h.engine.createClient({
      name: "client-v",
      activityEndpoint: `${other.baseUrl}/activity`,
      notificationEndpoint: `${other.baseUrl}/notifications`,
    });
    other.secret = client.signingSecret;
    otherCaller = { kind: "client", clientId: client.id };
    // Delegation is explicit: the other client accepts work from the harness's client.
    await h.engine.setClientDelegation(client.id, [h.caller.clientId]);
  });
  after(async () => {
    await h.close();
    await other.stop();
  });

  const otherPosts = (workflowId: string) =>
    other
      .at("/activity")
      .map((r) => r.body.activity)
      .filter((n: Body) => n.workflowId === workflowId);

  it("a child for another client is POSTed to that client, which reports on it", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const [mine, theirs] = await h.engine.addChildren(h.caller, s.id, [
      { name: "mine", mode: "non_blocking" },
      { name: "theirs", clientId: otherCaller.clientId },
    ]);
    assert.equal(mine!.clientId, h.caller.clientId, "defaults to the caller");
    assert.equal(theirs!.clientId, otherCaller.clientId);
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await h.drain();

    assert.equal(await h.status(mine!.id), "sent_to_client/received");
    assert.equal(await h.status(theirs!.id), "sent_to_client/received");
    assert.deepEqual(postedIds(h, w.id), [s.id, mine!.id], "the first client never gets the other client's node");
    const posted = otherPosts(w.id);
    assert.equal(posted.length, 1);
    assert.equal(posted[0].id, theirs!.id);
    assert.equal(posted[0].clientId, otherCaller.clientId);
    assert.equal(posted[0].userId, otherCaller.clientId);
    assert.equal(posted[0].workflowName, w.name);
    assert.ok(other.at("/activity")[0]!.signatureValid, "signed with the other client's secret");

    await h.engine.reportNodeStatus(otherCaller, theirs!.id, "processing");
    await h.engine.reportNodeStatus(otherCaller, theirs!.id, "completed", { result: "done" });
    await h.engine.reportNodeStatus(h.caller, mine!.id, "completed");
    await h.drain();
    assert.equal(await h.status(theirs!.id), "complete/complete");
    assert.equal(await h.status(s.id), "complete/complete");
    const rows = await audit(h, theirs!.id);
    assert.ok(rows.includes("client:received→processing"));
    assert.ok(rows.includes("client:processing→complete"));
  });

  it("the first client cannot see or report on the other client's node (NOT_FOUND)", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const [theirs] = await h.engine.addChildren(h.caller, s.id, [{ name: "theirs", clientId: otherCaller.clientId }]);
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await h.drain();
    assert.equal(await h.status(theirs!.id), "sent_to_client/received");
    const before = await snapshot(h, w.id);

    for (const status of ["processing", "completed", "errored", "canceled"]) {
      const e = await rejectsWith(h.engine.reportNodeStatus(h.caller, theirs!.id, status), "NOT_FOUND");
      assert.match(String(e.message), new RegExp(theirs!.id));
    }
    await rejectsWith(h.engine.addChildren(h.caller, theirs!.id, [{ name: "x" }]), "NOT_FOUND");
    await rejectsWith(h.engine.restartNode(h.caller, theirs!.id), "NOT_FOUND");
    await rejectsWith(h.engine.resetNode(h.caller, theirs!.id), "NOT_FOUND");
    assert.deepEqual(await snapshot(h, w.id), before, "nothing changed");

    // Nor can the other client touch the first client's signal or workflow.
    await rejectsWith(h.engine.reportNodeStatus(otherCaller, s.id, "completed"), "NOT_FOUND");
    await rejectsWith(h.engine.signalWorkflow(otherCaller, w.id, { name: "intruder" }), "NOT_FOUND");
    assert.deepEqual(await snapshot(h, w.id), before);

    // An operator sees everything.
    await h.engine.reportNodeStatus(h.operator, theirs!.id, "completed");
    assert.equal(await h.status(theirs!.id), "complete/complete");
  });

  it("the other client's errors go to its own notification endpoint", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const [theirs] = await h.engine.addChildren(h.caller, s.id, [
      { name: "theirs", clientId: otherCaller.clientId, retry: 0 },
    ]);
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await h.drain();
    await h.engine.reportNodeStatus(otherCaller, theirs!.id, "errored", { error: { message: "boom" } });
    await h.drain();
    assert.equal(await h.status(theirs!.id), "retries_exhausted/errored");
    assert.equal(notificationsFor(h, theirs!.id).length, 0, "the workflow owner is not notified");
    const notes = other.at("/notifications").filter((r) => r.body.activity.id === theirs!.id);
    assert.equal(notes.length, 1);
    assert.deepEqual(notes[0]!.body.notification, { name: "theirs", message: "Client Error" });
    assert.deepEqual(notes[0]!.body.error, { message: "boom" });
  });

  it("an unknown clientId is NOT_FOUND and nothing is created", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const before = await snapshot(h, w.id);
    await rejectsWith(
      h.engine.addChildren(h.caller, s.id, [{ name: "nobody", clientId: "00000000-0000-4000-8000-000000000000" }]),
      "NOT_FOUND",
    );
    assert.deepEqual(await snapshot(h, w.id), before);
    assert.equal((await h.children(s.id)).length, 0);
  });
});
