// The original REST API end to end, on the wire as backbeat_ruby speaks it: a signal whose decision
// (run inside the push request, by calling the API before answering) registers children that
// complete; a failing child whose notification's handler adds a child and resolves it; the workflow
// read back and completed; and the same data seen over GraphQL.
/* eslint-disable @typescript-eslint/restrict-template-expressions -- paths built from ids in parsed JSON answers */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ReceivedRequest } from "@backbeat/engine/testing";
import type { Json } from "./support.ts";
import { ENGINE_HTTP_TIMEOUT_MS, startRestServer, type RestClient, type RestServer } from "./rest-support.ts";

const WORKFLOW_KEYS = ["complete", "createdAt", "decider", "id", "name", "paused", "subject", "updatedAt", "userId"];
const NODE_KEYS = [
  "clientData",
  "createdAt",
  "currentClientStatus",
  "currentServerStatus",
  "decider",
  "id",
  "metadata",
  "mode",
  "name",
  "parentId",
  "subject",
  "userId",
  "workflowId",
  "workflowName",
];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The JSON-RPC envelope backbeat_ruby reports results and errors in. */
const rpc = (result: unknown, error: unknown = null) => ({ jsonrpc: "2.0", result, error, id: null });

describe("REST: the backbeat_ruby flow", () => {
  let server: RestServer;
  let app: RestClient;

  before(async () => {
    server = await startRestServer();
    app = await server.newClient("ruby-app");
  });
  after(() => server.close());

  it("find-or-create answers 201 with the original's Workflow, and GET by identity finds it", async () => {
    const body = { name: "order", subject: '{"id":7}', decider: "order" };
    const created = await app.rest("POST", "/workflows", body);
    assert.equal(created.status, 201);
    assert.match(created.type ?? "", /application\/json/);
    const w = created.body as Json;
    assert.deepEqual(Object.keys(w).sort(), WORKFLOW_KEYS);
    assert.equal(w.userId, app.id);
    assert.equal(w.subject, '{"id":7}');
    assert.equal(w.complete, false);
    assert.equal(w.paused, false);
    assert.match(w.createdAt, ISO);
    const again = await app.rest("POST", "/workflows", body);
    assert.equal(again.status, 201);
    assert.equal((again.body as Json).id, w.id);
    const q = new URLSearchParams(body).toString();
    const found = await app.rest("GET", `/workflows?${q}`);
    assert.equal(found.status, 200);
    assert.equal((found.body as Json).id, w.id);
    const byType = await app.rest("GET", `/workflows?workflow_type=order&subject=${encodeURIComponent('{"id":7}')}`);
    assert.equal((byType.body as Json).id, w.id);
    const none = await app.rest("GET", `/workflows?name=order&subject=nothing&decider=order`);
    assert.equal(none.status, 404);
    assert.deepEqual(Object.keys(none.body as Json).sort(), ["errorClass", "message"]);
    // The client has run the REST API: its pushes may now take the REST default (60 s).
    const row = await server.engine.sql.query(`SELECT push_timeout_seconds FROM clients WHERE id = $1`, [app.id]);
    assert.equal(row.rows[0].push_timeout_seconds, 60);
  });

  it("a signal's decision runs inside the push: children registered, all complete", async () => {
    const w = (await app.rest("POST", "/workflows", { name: "purchase", subject: { orderId: 1 }, decider: null }))
      .body as Json;
    assert.equal(w.decider, "purchase");
    const seenInsidePush: Json[] = [];
    app.fake.respond = async (req: ReceivedRequest) => {
      const node = (req.body.decision ?? req.body.activity) as Json;
      // The node is SENT_TO_CLIENT/RECEIVED before the push, and readable while it is open.
      seenInsidePush.push((await app.rest("GET", `/activities/${node.id}`)).body as Json);
      assert.equal((await app.rest("PUT", `/activities/${node.id}/status/processing`, { response: null })).status, 200);
      if (req.path === "/decision") {
        const decisions = [
          {
            name: "charge",
            mode: null,
            type: null,
            fires_at: null,
            retry: null,
            retry_interval: null,
            metadata: null,
            parent_link_id: null,
            client_id: null,
            client_data: { name: "charge", params: [{ cardId: 9 }] },
          },
          {
            name: "ship",
            mode: "non_blocking",
            options: { client_data: { name: "ship", params: [] }, metadata: { k: 1 } },
          },
          {
            name: "audit",
            mode: "fire_and_forget",
            retry: 2,
            retry_interval: 5,
            fires_at: "2020-01-01T00:00:00+01:00",
          },
        ];
        const added = await app.rest("POST", `/activities/${node.id}/decisions`, { decisions });
        assert.equal(added.status, 201);
        assert.equal((added.body as string[]).length, 3);
        assert.ok((added.body as string[]).every((id) => typeof id === "string"));
        const done = await app.rest("PUT", `/activities/${node.id}/status/deciding_complete`, {});
        assert.deepEqual(done.body, { success: true });
      } else {
        const done = await app.rest("PUT", `/activities/${node.id}/status/completed`, {
          response: rpc({ ok: node.name }),
        });
        assert.equal(done.status, 200);
      }
      return 200;
    };
    const signal = await app.rest("POST", `/workflows/${w.id}/signal`, {
      name: "purchase",
      mode: null,
      fires_at: null,
      options: { client_data: { name: "purchase", params: [{ orderId: 1 }] }, metadata: null },
    });
    assert.equal(signal.status, 201);
    const s = signal.body as Json;
    assert.deepEqual(
      Object.keys(s)
        .filter((k) => NODE_KEYS.includes(k))
        .sort(),
      NODE_KEYS,
    );
    assert.equal(s.mode, "blocking");
    assert.equal(s.currentServerStatus, "ready");
    assert.equal(s.currentClientStatus, "ready");
    assert.deepEqual(s.clientData, { name: "purchase", params: [{ orderId: 1 }] }, "client_data kept as sent");
    assert.equal(s.workflowName, "purchase");
    assert.deepEqual(s.subject, { orderId: 1 });

    await server.drain();

    assert.equal(app.fake.at("/decision").length, 1);
    assert.deepEqual(app.fake.at("/decision")[0]!.body.decision.clientData, {
      name: "purchase",
      params: [{ orderId: 1 }],
    });
    assert.equal(app.fake.at("/activity").length, 3);
    assert.ok(
      seenInsidePush.every((n) => n.currentServerStatus === "sent_to_client" && n.currentClientStatus === "received"),
    );
    const nodes = (await app.rest("GET", `/workflows/${w.id}/nodes`)).body as Json[];
    assert.deepEqual(
      nodes.map((n) => [n.name, n.mode, n.currentServerStatus, n.currentClientStatus]),
      [
        ["purchase", "blocking", "complete", "complete"],
        ["charge", "blocking", "complete", "complete"],
        ["ship", "non_blocking", "complete", "complete"],
        ["audit", "fire_and_forget", "complete", "complete"],
      ],
    );
    assert.deepEqual(
      nodes[1]!.clientData,
      { name: "charge", params: [{ cardId: 9 }] },
      "camelCase kept in client_data",
    );
    assert.deepEqual(nodes[2]!.metadata, { k: 1 });
    const charge = nodes[1]!;
    assert.equal(charge.parentId, s.id);
    assert.deepEqual((await app.rest("GET", `/activities/${charge.id}/response`)).body, rpc({ ok: "charge" }));
    const changes = (await app.rest("GET", `/activities/${charge.id}/status_changes`)).body as Json[];
    assert.ok(changes.length > 0);
    assert.deepEqual(Object.keys(changes[0]!).sort(), [
      "createdAt",
      "fromStatus",
      "id",
      "nodeId",
      "response",
      "statusType",
      "toStatus",
    ]);
    assert.deepEqual((await app.rest("GET", `/activities/${charge.id}/errors`)).body, []);
    const filtered = await app.rest(
      "GET",
      `/workflows/${w.id}/nodes?current_server_status=complete&currentClientStatus=complete`,
    );
    assert.equal((filtered.body as Json[]).length, 4);
    const children = (await app.rest("GET", `/workflows/${w.id}/children`)).body as Json[];
    assert.deepEqual(
      children.map((n) => n.name),
      ["purchase"],
    );

    // Completed: 200 {"success":true}; then a signal is a validation error (400), as the original.
    assert.deepEqual((await app.rest("PUT", `/workflows/${w.id}/complete`, {})).body, { success: true });
    assert.equal(((await app.rest("GET", `/workflows/${w.id}`)).body as Json).complete, true);
    const late = await app.rest("POST", `/workflows/${w.id}/signal/again`, {});
    assert.equal(late.status, 400);
    assert.equal((late.body as Json).errorClass, "WorkflowCompleteError");

    // The same workflow, live, over GraphQL.
    const data = await server.gql(
      `query($id: ID!) { workflow(id: $id) { name complete nodes { name serverStatus } } }`,
      {
        id: w.id,
      },
    );
    assert.equal(data.workflow.name, "purchase");
    assert.equal(data.workflow.complete, true);
    assert.deepEqual(
      data.workflow.nodes.map((n: Json) => n.serverStatus),
      ["COMPLETE", "COMPLETE", "COMPLETE", "COMPLETE"],
    );
  });

  it("a failing child's notification reaches the rescue handler, which adds a child and resolves it", async () => {
    const w = (await app.rest("POST", "/workflows", { name: "refund", subject: "r-1", decider: "refund" }))
      .body as Json;
    const notifications: Json[] = [];
    app.fake.respond = async (req) => {
      if (req.path === "/notifications") {
        notifications.push(req.body);
        const failed = req.body.activity as Json;
        const added = await app.rest("POST", `/activities/${failed.id}/decisions`, {
          args: { decisions: [{ name: "cleanup", mode: "blocking", client_data: { name: "cleanup" } }] },
        });
        assert.equal(added.status, 201);
        assert.equal(
          (await app.rest("PUT", `/activities/${failed.id}/status/resolved`, { response: null })).status,
          200,
        );
        return 200;
      }
      const node = (req.body.decision ?? req.body.activity) as Json;
      await app.rest("PUT", `/activities/${node.id}/status/processing`);
      if (node.name === "refund") {
        await app.rest("POST", `/activities/${node.id}/decisions`, { decisions: [{ name: "pay-back", retry: 0 }] });
        await app.rest("PUT", `/activities/${node.id}/status/completed`, { response: rpc(null) });
      } else if (node.name === "pay-back") {
        const error = { code: -32000, message: "card declined", data: ["app.rb:1"] };
        const res = await app.rest("PUT", `/activities/${node.id}/status/errored`, { response: rpc(null, error) });
        assert.equal(res.status, 200);
      } else {
        await app.rest("PUT", `/activities/${node.id}/status/completed`, { args: rpc("cleaned") });
      }
      return 200;
    };
    const signal = await app.rest("POST", `/workflows/${w.id}/signal/refund`, {
      options: { client_data: { name: "refund" } },
    });
    assert.equal(signal.status, 201);
    await server.drain();

    assert.equal(notifications.length, 1);
    const n = notifications[0]!;
    assert.equal(n.activity.name, "pay-back");
    assert.deepEqual(n.notification, { name: "pay-back", message: "Client Error" });
    assert.equal(n.error.message, "card declined");
    const nodes = (await app.rest("GET", `/v2/workflows/${w.id}/nodes`)).body as Json[];
    assert.deepEqual(
      nodes.map((x) => [x.name, x.currentServerStatus, x.currentClientStatus]),
      [
        ["refund", "complete", "complete"],
        ["pay-back", "complete", "resolved"],
        ["cleanup", "complete", "complete"],
      ],
    );
    const payBack = nodes[1]!;
    const errors = (await app.rest("GET", `/v2/events/${payBack.id}/errors`)).body as Json[];
    assert.ok(errors.some((e) => e.toStatus === "errored" && e.statusType === "client"));
    assert.equal(nodes[2]!.parentId, payBack.id);
    assert.deepEqual((await app.rest("GET", `/activities/${nodes[2]!.id}/response`)).body, rpc("cleaned"));
  });

  it("a REST client's push may take longer than the engine's outbound timeout", async () => {
    const w = (await app.rest("POST", "/workflows", { name: "slow", subject: "s", decider: "slow" })).body as Json;
    app.fake.respond = async (req) => {
      const node = (req.body.decision ?? req.body.activity) as Json;
      await app.rest("PUT", `/activities/${node.id}/status/processing`);
      await new Promise((r) => setTimeout(r, ENGINE_HTTP_TIMEOUT_MS * 2));
      await app.rest("PUT", `/activities/${node.id}/status/completed`, { response: null });
      return 200;
    };
    await app.rest("POST", `/workflows/${w.id}/signal/slow`, {});
    await server.drain();
    const [node] = (await app.rest("GET", `/workflows/${w.id}/nodes`)).body as Json[];
    assert.equal(node!.currentServerStatus, "complete");
    const calls = await server.engine.sql.query(`SELECT count(*)::int AS n FROM outbound_calls`);
    assert.equal(calls.rows[0].n, 0, "the push settled, no connection check pending");
    const jobs = await server.engine.sql.query(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'connection_check'`);
    assert.equal(jobs.rows[0].n, 0);
  });
});
