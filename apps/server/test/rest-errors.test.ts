/* eslint-disable @typescript-eslint/restrict-template-expressions -- paths built from ids in parsed JSON answers */
// The REST API's refusals, on the wire: 401 {"error":"Unauthorized"} for a missing or wrong token or
// a Client-Id that is not the token's; 404 {errorClass, message} for another client's (or an
// unknown) id; 400 for bad input; 409 with currentStatus/attemptedStatus; and a refusal changes nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ADMIN_TOKEN, dbSnapshot, type Json } from "./support.ts";
import { request, startRestServer, type RestClient, type RestServer } from "./rest-support.ts";

describe("REST: refusals", () => {
  let server: RestServer;
  let a: RestClient;
  let b: RestClient;
  let workflow: Json;
  let signal: Json;

  before(async () => {
    server = await startRestServer();
    a = await server.newClient("app-a");
    b = await server.newClient("app-b");
    workflow = (await a.rest("POST", "/workflows", { name: "wf", subject: "s1", decider: "wf" })).body as Json;
    signal = (await a.rest("POST", `/workflows/${workflow.id}/signal`, { name: "go" })).body as Json;
    // Sent as the signal committed: its push ends before the tests compare snapshots.
    await server.drain();
  });
  after(() => server.close());

  /** Runs `refused`, and checks that nothing in the database changed meanwhile. */
  async function unchanged(refused: () => Promise<void>): Promise<void> {
    const before = await dbSnapshot(server.database.url);
    await refused();
    assert.deepEqual(await dbSnapshot(server.database.url), before);
  }

  it("401 without a valid client token, or with a Client-Id that is not the token's", async () => {
    const unauthorized = { error: "Unauthorized" };
    await unchanged(async () => {
      const cases: [string, Record<string, string>][] = [
        ["no header", {}],
        ["Client-Id alone", { "client-id": a.id }],
        ["wrong token", { authorization: 'Token token="nope"' }],
        ["another client's id", { authorization: `Token token="${a.token}"`, "client-id": b.id }],
        ["the admin token", { authorization: `Token token="${ADMIN_TOKEN}"` }],
        ["the admin token as Bearer", { authorization: `Bearer ${ADMIN_TOKEN}` }],
        ["the pre-0.4 scheme", { authorization: `Backbeat ${a.id}` }],
      ];
      for (const [what, headers] of cases) {
        for (const [method, path] of [
          ["GET", "/workflows/names"],
          ["POST", "/workflows"],
          ["PUT", `/activities/${signal.id}/status/processing`],
          ["POST", `/v2/workflows/${workflow.id}/signal/x`],
          ["GET", `/v2/events/${signal.id}`],
        ] as const) {
          const res = await request(server.base, method, path, method === "GET" ? undefined : {}, headers);
          assert.equal(res.status, 401, `${what}: ${method} ${path}`);
          assert.deepEqual(res.body, unauthorized);
        }
      }
    });
    const ok = async (headers: Record<string, string>) =>
      (await request(server.base, "GET", `/workflows/${workflow.id}`, undefined, headers)).status;
    assert.equal(await ok({ authorization: `Token token="${a.token}"` }), 200, "Client-Id is optional");
    assert.equal(await ok({ authorization: `Token token=${a.token}` }), 200, "unquoted token");
    assert.equal(await ok({ authorization: `Bearer ${a.token}`, "client-id": a.id.toUpperCase() }), 200);
  });

  it("another client's workflow or node is 404, as an unknown one", async () => {
    await unchanged(async () => {
      const cases: [string, string, unknown?][] = [
        ["GET", `/workflows/${workflow.id}`],
        ["GET", `/workflows/${workflow.id}/nodes`],
        ["GET", `/workflows/${workflow.id}/children`],
        ["GET", `/workflows/${workflow.id}/tree`],
        ["GET", `/workflows/${workflow.id}/tree/print`],
        ["GET", `/workflows?name=wf&subject=s1&decider=wf`],
        ["POST", `/workflows/${workflow.id}/signal`, { name: "steal" }],
        ["PUT", `/workflows/${workflow.id}/complete`, {}],
        ["PUT", `/workflows/${workflow.id}/pause`, {}],
        ["GET", `/activities/${signal.id}`],
        ["GET", `/activities/${signal.id}/response`],
        ["GET", `/activities/${signal.id}/status_changes`],
        ["PUT", `/activities/${signal.id}/status/processing`, { response: null }],
        ["POST", `/activities/${signal.id}/decisions`, { decisions: [{ name: "x" }] }],
        ["PUT", `/activities/${signal.id}/restart`, {}],
        ["PUT", `/v2/events/${signal.id}/reset`, {}],
        ["GET", `/workflows/00000000-0000-4000-8000-000000000000`],
        ["GET", `/activities/00000000-0000-4000-8000-000000000000`],
        ["GET", `/activities/${signal.id}?workflow_id=00000000-0000-4000-8000-000000000000`],
      ];
      for (const [method, path, body] of cases) {
        const who = path.includes("workflow_id=") ? a : b;
        const res = await who.rest(method, path, body);
        assert.equal(res.status, 404, `${method} ${path}: ${res.text}`);
        assert.deepEqual(Object.keys(res.body as Json).sort(), ["errorClass", "message"]);
        assert.equal((res.body as Json).errorClass, "NotFoundError");
      }
    });
    assert.deepEqual((await b.rest("GET", "/workflows/search?name=wf")).body, []);
    assert.deepEqual((await b.rest("GET", "/workflows/names")).body, []);
  });

  it("400 for bad input, with a message, and nothing changes", async () => {
    await unchanged(async () => {
      const cases: [string, string, unknown, RegExp][] = [
        ["GET", "/workflows/not-a-uuid", undefined, /id is not a valid id/],
        ["PUT", `/activities/${signal.id}/status/flying`, {}, /Unknown status change flying/],
        ["POST", "/workflows", { subject: "x", decider: "d" }, /name is required/],
        ["POST", "/workflows", { name: "n", decider: "d" }, /subject is required/],
        ["GET", "/workflows?subject=x", undefined, /name/],
        ["POST", `/activities/${signal.id}/decisions`, { decisions: "x" }, /decisions must be a list/],
        ["POST", `/activities/${signal.id}/decisions`, {}, /decisions must be a list/],
        ["POST", `/activities/${signal.id}/decisions`, { decisions: [{ name: "c", mode: "sideways" }] }, /mode/],
        ["POST", `/activities/${signal.id}/decisions`, { decisions: [{ mode: "blocking" }] }, /name is required/],
        [
          "POST",
          `/activities/${signal.id}/decisions`,
          { decisions: [{ name: "c", fires_at: "tomorrow" }] },
          /fires_at/,
        ],
        ["POST", `/activities/${signal.id}/decisions`, { decisions: [{ name: "c", retry: -1 }] }, /retry/],
        ["POST", `/activities/${signal.id}/decisions`, { decisions: [7] }, /decisions\[0\]/],
        [
          "POST",
          `/workflows/${workflow.id}/signal`,
          { name: "s", client_data: [1] },
          /clientData must be a JSON object/,
        ],
        ["POST", `/workflows/${workflow.id}/signal`, "{not json", /not valid JSON/],
        ["POST", `/workflows/${workflow.id}/signal`, [1, 2], /body must be a JSON object/],
        ["GET", "/activities/search?current_status=sleeping", undefined, /current_status/],
        ["GET", `/workflows/${workflow.id}/nodes?current_server_status=asleep`, undefined, /current_server_status/],
        ["GET", "/workflows/search?name=wf&per_page=0", undefined, /per_page/],
        ["GET", "/workflows/search?name=wf&last_id=7", undefined, /last_id/],
      ];
      for (const [method, path, body, message] of cases) {
        const res = await a.rest(method, path, body);
        assert.equal(res.status, 400, `${method} ${path} ${JSON.stringify(body)}: ${res.text}`);
        assert.deepEqual(Object.keys(res.body as Json).sort(), ["errorClass", "message"]);
        assert.match((res.body as Json).message, message);
      }
    });
  });

  it("409 for an invalid or stale status change, with currentStatus and attemptedStatus", async () => {
    // A signal behind an unfinished one is READY: never sent, so it cannot be completed.
    const waiting = (await a.rest("POST", `/workflows/${workflow.id}/signal`, { name: "behind" })).body as Json;
    await unchanged(async () => {
      const res = await a.rest("PUT", `/activities/${waiting.id}/status/completed`, { response: null });
      assert.equal(res.status, 409, res.text);
      const body = res.body as Json;
      assert.deepEqual(Object.keys(body).sort(), ["attemptedStatus", "currentStatus", "errorClass", "message"]);
      assert.equal(typeof body.currentStatus, "string");
      assert.equal(typeof body.attemptedStatus, "string");
    });
    assert.equal((await a.rest("PUT", `/activities/${signal.id}/status/completed`, {})).status, 200);
    await unchanged(async () => {
      const late = await a.rest("POST", `/activities/${signal.id}/decisions`, { decisions: [{ name: "late" }] });
      assert.equal(late.status, 409, late.text);
      assert.ok((late.body as Json).currentStatus);
      assert.equal((late.body as Json).attemptedStatus, "pending");
    });
  });

  it("an unknown path under the API is a JSON 404", async () => {
    for (const [method, path] of [
      ["GET", `/workflows/${workflow.id}/bogus`],
      ["DELETE", `/workflows/${workflow.id}`],
      ["PUT", "/activities"],
    ] as const) {
      const res = await a.rest(method, path, method === "GET" ? undefined : {});
      assert.equal(res.status, 404);
      assert.equal((res.body as Json).errorClass, "RoutingError");
    }
  });
});
