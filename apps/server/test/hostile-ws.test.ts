// The edge checks of hostile-strings.test.ts over WebSocket too (issue 10, item 4): NUL bytes,
// unpaired UTF-16 surrogates and JSON nested too deep, in a graphql-ws Subscribe message's query or
// variables (mutations and queries sent over the socket, and subscriptions), are refused with
// BAD_USER_INPUT before anything runs, so nothing is written.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { rawWsOperation } from "./raw-ws.ts";
import { ADMIN_TOKEN, dbSnapshot, startServer, type Json, type TestServer } from "./support.ts";

const CREATE_CLIENT = `mutation($input: CreateClientInput!) { createClient(input: $input) { token } }`;
const CREATE_WORKFLOW = `mutation($i: CreateWorkflowInput!) { createWorkflow(input: $i) { id } }`;
const EVENTS = `subscription($w: ID) { nodeEvents(workflowId: $w) { statusChange { id } } }`;

/** A Subscribe payload whose workflow subject is nested `levels` deep, as text (JSON.stringify would overflow). */
function deepPayload(levels: number): string {
  const subject = `${'{"n":'.repeat(levels)}1${"}".repeat(levels)}`;
  return `{"query":${JSON.stringify(CREATE_WORKFLOW)},"variables":{"i":{"name":"w","subject":${subject}}}}`;
}

describe("hostile strings and nesting over WebSocket", () => {
  let s: TestServer;
  let token: string;
  before(async () => {
    s = await startServer();
    token = (await s.newClient("victim")).token;
  });
  after(() => s.close());

  const cases: { name: string; token: () => string; payload: () => string }[] = [
    {
      name: "an unpaired surrogate in createClient's name",
      token: () => ADMIN_TOKEN,
      payload: () => JSON.stringify({ query: CREATE_CLIENT, variables: { input: { name: "\ud800" } } }),
    },
    {
      name: "a NUL byte in createClient's name",
      token: () => ADMIN_TOKEN,
      payload: () => JSON.stringify({ query: CREATE_CLIENT, variables: { input: { name: "a\u0000b" } } }),
    },
    {
      name: "a NUL byte in a subject",
      token: () => token,
      payload: () =>
        JSON.stringify({ query: CREATE_WORKFLOW, variables: { i: { name: "w", subject: { k: "a\u0000" } } } }),
    },
    {
      name: "a NUL byte in a JSON key",
      token: () => token,
      payload: () =>
        JSON.stringify({ query: CREATE_WORKFLOW, variables: { i: { name: "w", subject: { "a\u0000": 1 } } } }),
    },
    {
      name: "a lone low surrogate in a workflow name",
      token: () => token,
      payload: () => JSON.stringify({ query: CREATE_WORKFLOW, variables: { i: { name: "w\udc00", subject: 1 } } }),
    },
    {
      name: "a subject nested 5,000 levels",
      token: () => token,
      payload: () => deepPayload(5_000),
    },
    {
      name: "a NUL byte in a query's text",
      token: () => token,
      payload: () => JSON.stringify({ query: `{ workflowNames }\u0000` }),
    },
    {
      name: "a lone surrogate in a subscription's text",
      token: () => token,
      payload: () => JSON.stringify({ query: `${EVENTS} # \ud800` }),
    },
    {
      name: "a NUL byte in a subscription's variables",
      token: () => token,
      payload: () => JSON.stringify({ query: EVENTS, variables: { w: "\u0000" } }),
    },
    {
      name: "an unpaired surrogate in an extensions key",
      token: () => token,
      payload: () => JSON.stringify({ query: `{ workflowNames }`, extensions: { "\ud800": 1 } }),
    },
  ];

  for (const c of cases) {
    it(`${c.name}: BAD_USER_INPUT, nothing written`, async () => {
      const before = await dbSnapshot(s.database.url);
      const { messages } = await rawWsOperation(s.url, c.token(), c.payload());
      const error = messages.find((m) => m.type === "error");
      assert.ok(error, `an error message, got ${JSON.stringify(messages).slice(0, 300)}`);
      const first = (error.payload as Json[])[0]!;
      assert.equal(first.extensions?.code, "BAD_USER_INPUT", JSON.stringify(first).slice(0, 300));
      assert.match(first.message as string, /^Refused: /);
      assert.deepEqual(await dbSnapshot(s.database.url), before, "the database is unchanged");
      assert.ok(!s.logged.some((l) => l.level === "error"), JSON.stringify(s.logged.slice(-3)));
    });
  }

  // graphql-js refuses these before running anything; over HTTP Apollo says BAD_USER_INPUT, and so must the socket.
  const coercion: { name: string; payload: Json }[] = [
    {
      name: "an object for an Int",
      payload: { query: `query($m: Int) { overview(minutes: $m) { __typename } }`, variables: { m: {} } },
    },
    {
      name: "a number for an ID",
      payload: { query: `mutation($id: ID!) { pauseWorkflow(id: $id) { id } }`, variables: { id: 0.5 } },
    },
    { name: "a missing non-null variable", payload: { query: `mutation($id: ID!) { pauseWorkflow(id: $id) { id } }` } },
    { name: "an unknown operation name", payload: { query: `query A { workflowNames }`, operationName: "B" } },
  ];
  for (const c of coercion) {
    it(`${c.name} over WebSocket: BAD_USER_INPUT, not an internal error`, async () => {
      const { messages } = await rawWsOperation(s.url, ADMIN_TOKEN, JSON.stringify(c.payload));
      const errors = messages.flatMap((m) =>
        m.type === "error" ? (m.payload as Json[]) : ((m.payload?.errors ?? []) as Json[]),
      );
      assert.ok(errors.length > 0, JSON.stringify(messages).slice(0, 300));
      assert.deepEqual(
        errors.map((e) => e.extensions?.code),
        errors.map(() => "BAD_USER_INPUT"),
        JSON.stringify(errors),
      );
    });
  }

  it("a well-formed astral character (a surrogate pair) is accepted over WebSocket", async () => {
    const { messages } = await rawWsOperation(
      s.url,
      token,
      JSON.stringify({
        query: CREATE_WORKFLOW,
        variables: { i: { name: "emoji \u{1F4F7}", subject: { x: "\u{1F600}" } } },
      }),
    );
    const next = messages.find((m) => m.type === "next");
    assert.ok(next?.payload?.data?.createWorkflow?.id, JSON.stringify(messages).slice(0, 300));
  });
});
