// The cost limit counts aliases (issue 10, item 6): one document that repeats a lookup under 5,000
// aliases fitted under the limit (each field costing 1) and took 1–4 s of database reads. An aliased
// field now costs LIMITS.aliasCost more, so such a document is refused before anything runs, over
// HTTP and over WebSocket alike, while a handful of aliases (what the dashboard sends) still runs.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { LIMITS } from "@backbeat/api";
import { CREATE_WORKFLOW, SUBJECT } from "./fragments.ts";
import { rawWsOperation } from "./raw-ws.ts";
import { errorOf, startServer, type Json, type TestServer } from "./support.ts";

const lookups = (n: number) =>
  `query($id: ID!) { ${Array.from({ length: n }, (_, i) => `a${i}: workflow(id: $id) { id }`).join(" ")} }`;

describe("aliases count toward the cost limit", () => {
  let s: TestServer;
  let token: string;
  let workflowId: string;
  before(async () => {
    s = await startServer();
    token = (await s.newClient("aliaser")).token;
    workflowId = (await s.ok(token, CREATE_WORKFLOW, { input: { name: "w", subject: SUBJECT } })).createWorkflow.id;
  });
  after(() => s.close());

  it("5,000 aliased lookups over HTTP: BAD_USER_INPUT 'too expensive', nothing run", async () => {
    const started = performance.now();
    const res = await s.gql(token, lookups(5_000), { id: workflowId });
    const ms = performance.now() - started;
    const error = errorOf(res);
    assert.equal(error.code, "BAD_USER_INPUT");
    assert.match(error.message, /too expensive.*aliased/);
    assert.equal(res.body.data, undefined, "refused in validation: no resolver ran");
    console.log(`refused in ${Math.round(ms)} ms: ${error.message}`);
  });

  it("5,000 aliased lookups over WebSocket: the same refusal", async () => {
    const { messages } = await rawWsOperation(
      s.url,
      token,
      JSON.stringify({ query: lookups(5_000), variables: { id: workflowId } }),
    );
    const error = messages.find((m) => m.type === "error");
    assert.ok(error, JSON.stringify(messages).slice(0, 300));
    const first = (error.payload as Json[])[0]!;
    assert.equal(first.extensions?.code, "BAD_USER_INPUT");
    assert.match(first.message as string, /too expensive/);
  });

  it("a few aliases still run", async () => {
    const data = await s.ok(token, lookups(10), { id: workflowId });
    assert.equal(Object.keys(data).length, 10);
  });

  it("the largest document of aliased lookups the limit lets through", () => {
    // Each `aN: workflow(id: $id) { id }` costs 1 (workflow) + 1 (id) + aliasCost.
    const most = Math.floor(LIMITS.maxCost / (2 + LIMITS.aliasCost));
    assert.ok(most <= 500, `at most ${most} aliased lookups`);
  });
});
