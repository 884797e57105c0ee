/* eslint-disable @typescript-eslint/restrict-template-expressions -- paths built from ids in parsed JSON answers */
// The rest of the REST surface on the wire: camelCase and legacy input, names, both searches with
// their paging, the tree and its printable text, pause/resume, restart/reset/schedule, and the /v2
// aliases (/v2/workflows, /v2/events) of the same handlers.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Json } from "./support.ts";
import { startRestServer, type RestClient, type RestServer } from "./rest-support.ts";

describe("REST: the rest of the surface", () => {
  let server: RestServer;
  let app: RestClient;

  before(async () => {
    server = await startRestServer();
    app = await server.newClient("surface-app");
  });
  after(() => server.close());

  it("accepts camelCase keys and the legacy args/options envelopes, and keeps client_data as sent", async () => {
    const created = await app.rest("POST", "/v2/workflows", {
      workflowType: "camel",
      subject: { orderId: 3 },
      decider: "camel",
    });
    assert.equal(created.status, 201);
    const w = created.body as Json;
    assert.equal(w.name, "camel");
    assert.deepEqual(w.subject, { orderId: 3 }, "the subject is the workflow's identity: kept as sent");
    const firesAt = new Date(server.clock.now().getTime() + 3_600_000);
    const offset = firesAt.toISOString().replace("Z", "+00:00");
    const signal = await app.rest("POST", `/v2/workflows/${w.id}/signal/camelSignal`, {
      args: { options: { clientData: { someKey: { innerKey: 1 } }, metadata: { metaKey: "v" } }, firesAt: offset },
      retryInterval: 5,
    });
    assert.equal(signal.status, 201, signal.text);
    const s = signal.body as Json;
    assert.equal(s.name, "camelSignal");
    assert.deepEqual(s.clientData, { someKey: { innerKey: 1 } });
    assert.deepEqual(s.metadata, { metaKey: "v" });
    assert.equal(s.firesAt, firesAt.toISOString());
    assert.equal(s.retriesRemaining, 6, "null/absent retry is the default");
    // deciding is the legacy name of processing; response keys are snake-cased, as the original did.
    app.fake.respond = async (req) => {
      const node = (req.body.decision ?? req.body.activity) as Json;
      assert.equal((await app.rest("PUT", `/v2/events/${node.id}/status/deciding`, { args: null })).status, 200);
      await app.rest("PUT", `/v2/events/${node.id}/status/deciding_complete`, { response: { someResult: 1 } });
      return 200;
    };
    server.clock.advance(3_600_000);
    await server.drain();
    const node = (await app.rest("GET", `/v2/events/${s.id}`)).body as Json;
    assert.equal(node.currentServerStatus, "complete");
    assert.deepEqual((await app.rest("GET", `/v2/events/${s.id}/response`)).body, { some_result: 1 });
  });

  it("lists names, and searches workflows and nodes with per_page, page and last_id", async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const w = (await app.rest("POST", "/workflows", { name: "batch", subject: { n }, decider: "batch" }))
        .body as Json;
      ids.push(w.id);
      // Timed an hour ahead, so each stays STARTED (waiting for its time) while it is searched for.
      const firesAt = new Date(server.clock.now().getTime() + 3_600_000).toISOString();
      await app.rest("POST", `/workflows/${w.id}/signal`, {
        name: "batch-signal",
        metadata: { batch: n },
        fires_at: firesAt,
      });
      server.clock.advance(1000);
    }
    assert.deepEqual((await app.rest("GET", "/workflows/names")).body, ["batch", "camel"]);
    assert.deepEqual((await app.rest("GET", "/workflows/search")).body, [], "no parameters: []");
    assert.deepEqual((await app.rest("GET", "/activities/search")).body, []);
    const all = (await app.rest("GET", "/workflows/search?name=batch")).body as Json[];
    assert.deepEqual(
      all.map((w) => w.id),
      [...ids].reverse(),
      "newest first",
    );
    const page2 = (await app.rest("GET", "/workflows/search?name=batch&per_page=1&page=2")).body as Json[];
    assert.deepEqual(
      page2.map((w) => w.id),
      [ids[1]],
    );
    const afterLast = (await app.rest("GET", `/workflows/search?name=batch&last_id=${ids[2]}`)).body as Json[];
    assert.deepEqual(
      afterLast.map((w) => w.id),
      [ids[1], ids[0]],
    );
    const bySubject = (await app.rest("GET", `/workflows/search?subject=${encodeURIComponent('"n":2')}`))
      .body as Json[];
    assert.deepEqual(
      bySubject.map((w) => w.id),
      [ids[1]],
    );
    const started = (await app.rest("GET", "/workflows/search?current_status=started&per_page=2")).body as Json[];
    assert.equal(started.length, 2);
    const nodes = (await app.rest("GET", "/activities/search?name=batch-signal&currentStatus=STARTED")).body as Json[];
    assert.equal(nodes.length, 3);
    assert.ok(nodes.every((n) => n.currentServerStatus === "started" && n.workflowName === "batch"));
    const byMeta = (await app.rest("GET", `/activities/search?metadata=${encodeURIComponent('"batch": 3')}`))
      .body as Json[];
    assert.deepEqual(
      byMeta.map((n) => n.workflowId),
      [ids[2]],
    );
    const past = (await app.rest("GET", "/activities/search?past_status=complete&status_start=2000-01-01T00:00:00Z"))
      .body as Json[];
    assert.ok(past.every((n) => n.name !== "batch-signal"));
  });

  it("serves the tree, its printable text, the children and the filtered nodes", async () => {
    const w = (await app.rest("POST", "/workflows", { name: "tree", subject: "t", decider: "tree" })).body as Json;
    app.fake.respond = async (req) => {
      const node = (req.body.decision ?? req.body.activity) as Json;
      await app.rest("PUT", `/activities/${node.id}/status/processing`);
      if (node.name === "root")
        await app.rest("POST", `/activities/${node.id}/decisions`, { decisions: [{ name: "leaf" }] });
      await app.rest("PUT", `/activities/${node.id}/status/completed`, { response: null });
      return 200;
    };
    await app.rest("POST", `/workflows/${w.id}/signal/root`, {});
    await server.drain();
    const tree = (await app.rest("GET", `/workflows/${w.id}/tree`)).body as Json;
    assert.deepEqual(Object.keys(tree).sort(), [
      "children",
      "createdAt",
      "currentClientStatus",
      "currentServerStatus",
      "id",
      "mode",
      "name",
      "retryingAt",
      "subject",
      "userId",
    ]);
    assert.equal(tree.id, w.id);
    assert.equal(tree.mode, null);
    assert.equal(tree.children[0].name, "root");
    assert.equal(tree.children[0].mode, "blocking");
    assert.equal(tree.children[0].children[0].name, "leaf");
    assert.equal(tree.children[0].children[0].currentClientStatus, "complete");
    const print = (await app.rest("GET", `/v2/workflows/${w.id}/tree/print`)).body as Json;
    const lines = (print.print as string).split("\n").slice(1);
    assert.equal(lines.length, 3);
    assert.ok(lines[0]!.startsWith(w.id) && lines[0]!.endsWith("tree"));
    assert.match(lines[2]!, /leaf - server: complete, client: complete/);
    const children = (await app.rest("GET", `/workflows/${w.id}/children`)).body as Json[];
    assert.deepEqual(
      children.map((n) => n.name),
      ["root"],
    );
    const none = (await app.rest("GET", `/workflows/${w.id}/nodes?current_client_status=errored`)).body as Json[];
    assert.deepEqual(none, []);
  });

  it("pauses and resumes a workflow; restarts, resets and schedules a node", async () => {
    const w = (await app.rest("POST", "/workflows", { name: "ops", subject: "o", decider: "ops" })).body as Json;
    assert.deepEqual((await app.rest("PUT", `/workflows/${w.id}/pause`, {})).body, { success: true });
    assert.equal(((await app.rest("GET", `/workflows/${w.id}`)).body as Json).paused, true);
    const s = (await app.rest("POST", `/workflows/${w.id}/signal/fails`, { retry: 0 })).body as Json;
    await server.drain();
    assert.equal(((await app.rest("GET", `/activities/${s.id}`)).body as Json).currentServerStatus, "paused");
    let fail = true;
    app.fake.respond = async (req) => {
      const node = (req.body.decision ?? req.body.activity) as Json;
      if (req.path === "/notifications") return 200;
      await app.rest("PUT", `/activities/${node.id}/status/processing`);
      if (fail)
        await app.rest("PUT", `/activities/${node.id}/status/errored`, { response: { error: { message: "no" } } });
      else await app.rest("PUT", `/activities/${node.id}/status/completed`, { response: null });
      return 200;
    };
    assert.deepEqual((await app.rest("PUT", `/v2/workflows/${w.id}/resume`, {})).body, { success: true });
    await server.drain();
    const failed = (await app.rest("GET", `/activities/${s.id}`)).body as Json;
    assert.deepEqual([failed.currentServerStatus, failed.currentClientStatus], ["retries_exhausted", "errored"]);
    assert.equal(((await app.rest("GET", `/activities/${s.id}/errors`)).body as Json[]).length >= 1, true);
    fail = false;
    assert.deepEqual((await app.rest("PUT", `/activities/${s.id}/restart`, {})).body, { success: true });
    await server.drain();
    assert.equal(((await app.rest("GET", `/activities/${s.id}`)).body as Json).currentServerStatus, "complete");
    assert.deepEqual((await app.rest("PUT", `/v2/events/${s.id}/reset`, {})).body, { success: true });
    assert.deepEqual((await app.rest("PUT", `/activities/${s.id}/schedule`)).body, { success: true });
    await server.drain();
    const history = (await app.rest("GET", `/v2/events/${s.id}/status_changes`)).body as Json[];
    assert.ok(history.some((c) => c.statusType === "client" && c.toStatus === "errored"));
    assert.ok(history.every((c) => c.nodeId === s.id && typeof c.createdAt === "string"));
  });
});
