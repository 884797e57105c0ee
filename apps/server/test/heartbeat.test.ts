// heartbeatNode: a client still working on a node moves its deadline to now + the client timeout.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CREATE_WORKFLOW, REPORT, SIGNAL } from "./fragments.ts";
import { ADMIN_TOKEN, errorOf, startServer, statuses, type TestClient, type TestServer } from "./support.ts";

const HEARTBEAT = `mutation($id: ID!) { heartbeatNode(nodeId: $id) { id serverStatus clientStatus completeBy } }`;

describe("heartbeatNode", () => {
  let s: TestServer;
  let a: TestClient;
  let b: TestClient;
  before(async () => {
    s = await startServer();
    a = await s.newClient("beat-a");
    b = await s.newClient("beat-b");
  });
  after(() => s.close());

  const sentNode = async (clientData: Record<string, unknown> = {}) => {
    const w = await s.ok(a.token, CREATE_WORKFLOW, { input: { name: "beat", subject: { n: Math.random() } } });
    const n = await s.ok(a.token, SIGNAL, { id: w.createWorkflow.id, input: { name: "long job", clientData } });
    await s.drain();
    return n.signalWorkflow.id as string;
  };

  it("moves completeBy to now + the node's timeout, while RECEIVED and while PROCESSING", async () => {
    const id = await sentNode({ timeout: 600 });
    const before = await s.ok(a.token, `query($id: ID!) { node(id: $id) { completeBy clientStatus } }`, { id });
    assert.equal(before.node.clientStatus, "RECEIVED");
    assert.equal(before.node.completeBy, new Date(s.clock.now().getTime() + 600_000).toISOString());

    s.clock.advance(300_000);
    const beat = await s.ok(a.token, HEARTBEAT, { id });
    assert.equal(beat.heartbeatNode.completeBy, new Date(s.clock.now().getTime() + 600_000).toISOString());
    assert.equal(beat.heartbeatNode.serverStatus, "SENT_TO_CLIENT");

    await s.ok(a.token, REPORT, { id, status: "PROCESSING" });
    s.clock.advance(500_000);
    const again = await s.ok(a.token, HEARTBEAT, { id });
    assert.equal(again.heartbeatNode.clientStatus, "PROCESSING");
    assert.equal(again.heartbeatNode.completeBy, new Date(s.clock.now().getTime() + 600_000).toISOString());

    // The old deadline has passed, the new one has not: the node is not failed by the scheduler.
    s.clock.advance(200_000);
    await s.drain();
    const after = await s.ok(a.token, `query($id: ID!) { node(id: $id) { serverStatus clientStatus } }`, { id });
    assert.equal(statuses(after.node), "SENT_TO_CLIENT/PROCESSING");
  });

  it("another client's node is NOT_FOUND and unchanged; an operator may heartbeat it", async () => {
    const id = await sentNode();
    const before = await s.ok(a.token, `query($id: ID!) { node(id: $id) { completeBy } }`, { id });
    s.clock.advance(1000);
    assert.equal(errorOf(await s.gql(b.token, HEARTBEAT, { id })).code, "NOT_FOUND");
    const same = await s.ok(a.token, `query($id: ID!) { node(id: $id) { completeBy } }`, { id });
    assert.equal(same.node.completeBy, before.node.completeBy);
    const byAdmin = await s.ok(ADMIN_TOKEN, HEARTBEAT, { id });
    assert.notEqual(byAdmin.heartbeatNode.completeBy, before.node.completeBy);
  });

  it("a malformed id is BAD_USER_INPUT", async () => {
    assert.equal(errorOf(await s.gql(a.token, HEARTBEAT, { id: "nope" })).code, "BAD_USER_INPUT");
  });
});
