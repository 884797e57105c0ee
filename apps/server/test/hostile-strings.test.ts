// Strings PostgreSQL cannot store (NUL bytes, unpaired UTF-16 surrogates) and JSON nested deeper than
// anything real are refused at the edge, as BAD_USER_INPUT, before anything is written: they used to
// reach INTERNAL_SERVER_ERROR, after createClient had already created the client (its token lost).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ADMIN_TOKEN, dbSnapshot, errorOf, startServer, type Json, type TestServer } from "./support.ts";

const CREATE_CLIENT = `mutation($input: CreateClientInput!) { createClient(input: $input) { token } }`;
const CREATE_WORKFLOW = `mutation($i: CreateWorkflowInput!) { createWorkflow(input: $i) { id } }`;

/** A request body whose subject is nested `levels` deep, written as text (JSON.stringify would overflow). */
function deepBody(levels: number): string {
  const subject = `${'{"n":'.repeat(levels)}1${"}".repeat(levels)}`;
  return `{"query":${JSON.stringify(CREATE_WORKFLOW)},"variables":{"i":{"name":"w","subject":${subject}}}}`;
}

describe("hostile strings and nesting", () => {
  let s: TestServer;
  let token: string;
  before(async () => {
    s = await startServer();
    token = (await s.newClient("victim")).token;
  });
  after(() => s.close());

  const cases: { name: string; token: () => string; query: string; variables: Json }[] = [
    {
      name: "an unpaired surrogate in createClient's name",
      token: () => ADMIN_TOKEN,
      query: CREATE_CLIENT,
      variables: { input: { name: "\ud800" } },
    },
    {
      name: "a NUL byte in createClient's name",
      token: () => ADMIN_TOKEN,
      query: CREATE_CLIENT,
      variables: { input: { name: "a\u0000b" } },
    },
    {
      name: "a NUL byte in a subject",
      token: () => token,
      query: CREATE_WORKFLOW,
      variables: { i: { name: "w", subject: { k: "a\u0000" } } },
    },
    {
      name: "a NUL byte in a JSON key",
      token: () => token,
      query: CREATE_WORKFLOW,
      variables: { i: { name: "w", subject: { "a\u0000": 1 } } },
    },
    {
      name: "a lone low surrogate in a workflow name",
      token: () => token,
      query: CREATE_WORKFLOW,
      variables: { i: { name: "w\udc00", subject: 1 } },
    },
    { name: "a NUL byte in the query text", token: () => token, query: `{ workflowNames }\u0000`, variables: {} },
  ];

  for (const c of cases) {
    it(`${c.name}: BAD_USER_INPUT, nothing written`, async () => {
      const before = await dbSnapshot(s.database.url);
      const res = await s.gql(c.token(), c.query, c.variables);
      assert.equal(errorOf(res).code, "BAD_USER_INPUT", JSON.stringify(res.body).slice(0, 300));
      assert.deepEqual(await dbSnapshot(s.database.url), before, "the database is unchanged");
    });
  }

  it("a subject nested 5,000 levels: BAD_USER_INPUT, nothing written", async () => {
    const before = await dbSnapshot(s.database.url);
    const res = await fetch(s.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: deepBody(5_000),
    });
    const body = (await res.json()) as Json;
    assert.equal(errorOf({ status: res.status, body, headers: res.headers }).code, "BAD_USER_INPUT");
    assert.deepEqual(await dbSnapshot(s.database.url), before, "the database is unchanged");
  });

  it("a well-formed astral character (a surrogate pair) is accepted", async () => {
    const data = await s.ok(token, CREATE_WORKFLOW, { i: { name: "emoji \u{1F4F7}", subject: { x: "\u{1F600}" } } });
    assert.ok(data.createWorkflow.id);
  });
});
