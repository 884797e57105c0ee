// Malformed and hostile requests: each gets its documented extensions.code (never an internal
// error), no stack trace or SQL in the answer, and leaves the database exactly as it was.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { getIntrospectionQuery } from "graphql";
import pg from "pg";
import { ADD_CHILDREN, CREATE_WORKFLOW, REPORT, SIGNAL, SUBJECT } from "./fragments.ts";
import { ADMIN_TOKEN, dbSnapshot, startServer, type Json, type TestClient, type TestServer } from "./support.ts";

type Case = {
  name: string;
  /** A GraphQL request by the client (token: "u" by default), or a raw HTTP request. */
  query?: string;
  variables?: (ids: Ids) => Json;
  /** "u" (the default), "admin", "none" (no header), or a literal token. */
  token?: string;
  raw?: (url: string, u: TestClient) => Promise<Response>;
  code: string;
  status?: number;
  check?: (error: Json) => void;
};

type Ids = { wf: string; sent: string; done: string; doneWf: string };

const big = (bytes: number) => ({ blob: "x".repeat(bytes) });

const CASES: Case[] = [
  // --- authentication -------------------------------------------------------------------------
  { name: "no Authorization header", query: `{ workflowNames }`, token: "none", code: "UNAUTHENTICATED", status: 401 },
  {
    name: "an unknown token",
    query: `{ workflowNames }`,
    token: "not-a-real-token",
    code: "UNAUTHENTICATED",
    status: 401,
  },
  {
    name: "the Basic scheme",
    raw: (url, u) => post(url, { query: `{ workflowNames }` }, { authorization: `Basic ${u.token}` }),
    code: "UNAUTHENTICATED",
    status: 401,
  },
  {
    name: "Bearer with no token",
    raw: (url) => post(url, { query: `{ workflowNames }` }, { authorization: "Bearer " }),
    code: "UNAUTHENTICATED",
  },
  {
    name: "the admin token with a suffix",
    query: `{ clients { id } }`,
    token: `${ADMIN_TOKEN}x`,
    code: "UNAUTHENTICATED",
  },
  { name: "a 10 000-character token", query: `{ workflowNames }`, token: "t".repeat(10_000), code: "UNAUTHENTICATED" },
  {
    name: "a client token with whitespace inside",
    query: `{ workflowNames }`,
    token: "abc def",
    code: "UNAUTHENTICATED",
  },
  // --- not GraphQL, or not this schema ---------------------------------------------------------
  { name: "a syntax error", query: `{ workflowNames `, code: "BAD_USER_INPUT", status: 400 },
  { name: "an unknown field", query: `{ workflowz }`, code: "BAD_USER_INPUT", status: 400 },
  {
    name: "an unknown enum value (the original's deciding)",
    query: `mutation($id: ID!) { reportNodeStatus(nodeId: $id, status: DECIDING) { id } }`,
    variables: (i) => ({ id: i.sent }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "a lower-case enum value in a variable",
    query: REPORT,
    variables: (i) => ({ id: i.sent, status: "completed" }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "a missing required argument",
    query: `mutation($id: ID!) { signalWorkflow(workflowId: $id) { id } }`,
    variables: (i) => ({ id: i.wf }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "a missing required input field",
    query: `mutation { createWorkflow(input: {name: "x"}) { id } }`,
    code: "BAD_USER_INPUT",
  },
  {
    name: "a null for a non-null variable",
    query: CREATE_WORKFLOW,
    variables: () => ({ input: { name: "x", subject: null } }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "a variable of the wrong type",
    query: REPORT,
    variables: () => ({ id: { nested: true }, status: "COMPLETED" }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "a fragment cycle",
    query: `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`,
    code: "BAD_USER_INPUT",
  },
  {
    name: "a mutation over GET",
    raw: (url, u) =>
      fetch(`${url}?query=${encodeURIComponent(`mutation { pauseWorkflow(id: "x") { id } }`)}`, {
        headers: { authorization: `Bearer ${u.token}`, "apollo-require-preflight": "1" },
      }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "a batch (an array body)",
    raw: (url, u) =>
      post(url, [{ query: `{ workflowNames }` }, { query: `{ workflowNames }` }], {
        authorization: `Bearer ${u.token}`,
      }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "an operationName that names nothing",
    raw: (url, u) =>
      post(url, { query: `query A { workflowNames }`, operationName: "B" }, { authorization: `Bearer ${u.token}` }),
    code: "BAD_USER_INPUT",
  },
  // --- the HTTP envelope -------------------------------------------------------------------------
  {
    name: "a body over 1 MB",
    raw: (url, u) =>
      post(url, { query: `{ workflowNames }`, variables: big(1_100_000) }, { authorization: `Bearer ${u.token}` }),
    code: "BAD_USER_INPUT",
    status: 413,
  },
  {
    name: "malformed JSON",
    raw: (url, u) => post(url, '{"query": "{ workflowNames }"', { authorization: `Bearer ${u.token}` }),
    code: "BAD_USER_INPUT",
    status: 400,
  },
  {
    name: "text/plain (a CSRF-style request)",
    raw: (url, u) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "text/plain", authorization: `Bearer ${u.token}` },
        body: `{"query":"{ workflowNames }"}`,
      }),
    code: "BAD_USER_INPUT",
    status: 400,
  },
  // --- limits ------------------------------------------------------------------------------------
  {
    name: "a query 13 levels deep",
    query: `query($id: ID!) { node(id: $id) { ${"children { ".repeat(11)} id ${"} ".repeat(11)} } }`,
    variables: (i) => ({ id: i.sent }),
    code: "BAD_USER_INPUT",
    check: (e) => assert.match(e.message, /too deep/),
  },
  {
    name: "a query too expensive (aliases × nested lists)",
    query: `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: nodes(first: 100) { edges { node { children { children { id } } } } }`).join(" ")} }`,
    code: "BAD_USER_INPUT",
    check: (e) => assert.match(e.message, /too expensive/),
  },
  {
    name: "first above the maximum page size",
    query: `{ workflows(first: 1000) { edges { cursor } } }`,
    code: "BAD_USER_INPUT",
  },
  { name: "first: 0", query: `{ nodes(first: 0) { edges { cursor } } }`, code: "BAD_USER_INPUT" },
  {
    name: "a forged cursor",
    query: `{ workflows(after: "bm90LWEtY3Vyc29y") { edges { cursor } } }`,
    code: "BAD_USER_INPUT",
  },
  {
    name: "an unknown status in a search",
    query: `{ nodes(search: {currentStatus: "on_fire"}) { edges { cursor } } }`,
    code: "BAD_USER_INPUT",
  },
  {
    name: "an upper-case status in a search (they are lower-case)",
    query: `{ workflows(search: {pastStatus: "ERRORED"}) { edges { cursor } } }`,
    code: "BAD_USER_INPUT",
  },
  {
    name: "a malformed date in a search",
    query: `{ nodes(search: {statusStart: "yesterday"}) { edges { cursor } } }`,
    code: "BAD_USER_INPUT",
  },
  // --- bad ids -----------------------------------------------------------------------------------
  { name: "a malformed id", query: `{ workflow(id: "42") { id } }`, code: "BAD_USER_INPUT" },
  {
    name: "SQL in an id",
    query: `mutation { pauseWorkflow(id: "'; DROP TABLE nodes; --") { id } }`,
    code: "BAD_USER_INPUT",
  },
  {
    name: "a malformed workflowId in a search",
    query: `{ nodes(search: {workflowId: "x"}) { edges { cursor } } }`,
    code: "BAD_USER_INPUT",
  },
  {
    name: "an id that does not exist",
    query: `query($id: ID!) { node(id: $id) { id } }`,
    variables: () => ({ id: randomUUID() }),
    code: "NOT_FOUND",
  },
  {
    name: "restart of a node that does not exist",
    query: `mutation($id: ID!) { restartNode(id: $id) { id } }`,
    variables: () => ({ id: randomUUID() }),
    code: "NOT_FOUND",
  },
  // --- bad node input ----------------------------------------------------------------------------
  {
    name: "a signal with an empty name",
    query: SIGNAL,
    variables: (i) => ({ id: i.wf, input: { name: "  " } }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "a name of 256 characters",
    query: SIGNAL,
    variables: (i) => ({ id: i.wf, input: { name: "n".repeat(256) } }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "negative retries",
    query: SIGNAL,
    variables: (i) => ({ id: i.wf, input: { name: "s", retry: -1 } }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "a fractional retry",
    query: SIGNAL,
    variables: (i) => ({ id: i.wf, input: { name: "s", retry: 1.5 } }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "retries beyond Int",
    query: SIGNAL,
    variables: (i) => ({ id: i.wf, input: { name: "s", retry: 2 ** 40 } }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "a retry interval over a year",
    query: SIGNAL,
    variables: (i) => ({ id: i.wf, input: { name: "s", retryInterval: 400 * 24 * 3600 } }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "clientData that is a list",
    query: SIGNAL,
    variables: (i) => ({ id: i.wf, input: { name: "s", clientData: [1, 2] } }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "clientData over 64 KiB",
    query: SIGNAL,
    variables: (i) => ({ id: i.wf, input: { name: "s", clientData: big(70_000) } }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "a subject over 64 KiB",
    query: CREATE_WORKFLOW,
    variables: () => ({ input: { name: "huge", subject: big(70_000) } }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "a firesAt that is not a date",
    query: SIGNAL,
    variables: (i) => ({ id: i.wf, input: { name: "s", firesAt: "tomorrow" } }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "a clientId that is no client",
    query: SIGNAL,
    variables: (i) => ({ id: i.wf, input: { name: "s", clientId: randomUUID() } }),
    // As for a client that does not accept the caller's work (delegation): ids cannot be probed.
    code: "NOT_FOUND",
  },
  {
    name: "a parentLinkId that is no node",
    query: SIGNAL,
    variables: (i) => ({ id: i.wf, input: { name: "s", parentLinkId: randomUUID() } }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "10 001 children in one call",
    query: ADD_CHILDREN,
    variables: (i) => ({ id: i.sent, children: Array.from({ length: 10_001 }, () => ({ name: "c" })) }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "one bad child among good ones",
    query: ADD_CHILDREN,
    variables: (i) => ({ id: i.sent, children: [{ name: "ok" }, { name: "" }] }),
    code: "BAD_USER_INPUT",
  },
  {
    name: "a response over 64 KiB",
    query: REPORT,
    variables: (i) => ({ id: i.sent, status: "PROCESSING", response: big(70_000) }),
    code: "BAD_USER_INPUT",
  },
  // --- state conflicts ---------------------------------------------------------------------------
  {
    name: "PROCESSING on a completed node",
    query: REPORT,
    variables: (i) => ({ id: i.done, status: "PROCESSING" }),
    code: "CONFLICT",
    check: (e) =>
      assert.deepEqual([e.extensions.currentStatus, e.extensions.attemptedStatus], ["complete", "processing"]),
  },
  {
    name: "children for a node whose client work is done",
    query: ADD_CHILDREN,
    variables: (i) => ({ id: i.done, children: [{ name: "late" }] }),
    code: "CONFLICT",
    check: (e) => assert.equal(e.extensions.attemptedStatus, "pending"),
  },
  {
    name: "restart of a node that did not fail",
    query: `mutation($id: ID!) { restartNode(id: $id) { id } }`,
    variables: (i) => ({ id: i.sent }),
    code: "CONFLICT",
    check: (e) => assert.equal(e.extensions.currentStatus, "sent_to_client/received"),
  },
  {
    name: "a signal to a completed workflow",
    query: SIGNAL,
    variables: (i) => ({ id: i.doneWf, input: { name: "s" } }),
    code: "CONFLICT",
  },
  // --- operators ---------------------------------------------------------------------------------
  {
    name: "createClient by a client",
    query: `mutation { createClient(input: {name: "x"}) { token } }`,
    code: "FORBIDDEN",
  },
  {
    name: "a duplicate client name",
    query: `mutation { createClient(input: {name: "client-u"}) { token } }`,
    token: "admin",
    code: "CONFLICT",
  },
  {
    name: "an endpoint that is not an http URL",
    query: `mutation { createClient(input: {name: "y", activityEndpoint: "file:///etc/passwd"}) { token } }`,
    token: "admin",
    code: "BAD_USER_INPUT",
  },
  {
    name: "an operator's createWorkflow without clientId",
    query: CREATE_WORKFLOW,
    variables: () => ({ input: { name: "n", subject: 1 } }),
    token: "admin",
    code: "BAD_USER_INPUT",
  },
  {
    name: "a client's createWorkflow for another client",
    query: CREATE_WORKFLOW,
    variables: () => ({ input: { name: "n", subject: 1, clientId: randomUUID() } }),
    code: "BAD_USER_INPUT",
  },
];

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("malformed and hostile requests", () => {
  let s: TestServer;
  let u: TestClient;
  let ids: Ids;
  before(async () => {
    s = await startServer();
    u = await s.newClient("client-u");
    const wf = (await s.ok(u.token, CREATE_WORKFLOW, { input: { name: "target", subject: SUBJECT } })).createWorkflow
      .id;
    const doneWf = (await s.ok(u.token, CREATE_WORKFLOW, { input: { name: "finished", subject: SUBJECT } }))
      .createWorkflow.id;
    const sent = (await s.ok(u.token, SIGNAL, { id: wf, input: { name: "sent" } })).signalWorkflow.id;
    const done = (await s.ok(u.token, SIGNAL, { id: doneWf, input: { name: "done" } })).signalWorkflow.id;
    await s.drain();
    await s.ok(u.token, REPORT, { id: done, status: "COMPLETED" });
    await s.drain();
    await s.ok(u.token, `mutation($id: ID!) { completeWorkflow(id: $id) { id } }`, { id: doneWf });
    ids = { wf, sent, done, doneWf };
  });
  after(() => s.close());

  it(`has at least 30 cases (${CASES.length})`, () => assert.ok(CASES.length >= 30));

  for (const c of CASES) {
    it(`${c.name} → ${c.code}`, async () => {
      const before = await dbSnapshot(s.database.url);
      const token =
        c.token === "none"
          ? null
          : c.token === "admin"
            ? ADMIN_TOKEN
            : c.token === undefined || c.token === "u"
              ? u.token
              : c.token;
      const res = c.raw
        ? await c.raw(s.url, u)
        : await fetch(s.url, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              ...(token === null ? {} : { authorization: `Bearer ${token}` }),
            },
            body: JSON.stringify({ query: c.query, variables: c.variables?.(ids) }),
          });
      const text = await res.text();
      const body = JSON.parse(text) as Json;
      const error = (body.errors as Json[] | undefined)?.[0];
      assert.ok(error, `expected an error, got ${text.slice(0, 300)}`);
      assert.equal(error.extensions?.code, c.code, `${String(error.message)}`);
      if (c.status) assert.equal(res.status, c.status);
      assert.doesNotMatch(
        text,
        /stacktrace|\bat .*\.ts:\d+|SELECT |INSERT |UPDATE /,
        "no stack trace or SQL in the answer",
      );
      c.check?.(error);
      assert.deepEqual(await dbSnapshot(s.database.url), before, "the database is unchanged");
    });
  }

  it("the standard introspection query fits within the limits", async () => {
    const res = await s.gql(u.token, getIntrospectionQuery());
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    assert.ok(res.body.data.__schema.types.length > 20);
  });

  it("a genuine fault is INTERNAL_SERVER_ERROR with a generic message, logged and not leaked", async () => {
    const db = new pg.Client({ connectionString: s.database.url });
    await db.connect();
    await db.query(`ALTER TABLE workflows RENAME TO workflows_away`);
    try {
      const res = await s.gql(u.token, `{ workflowNames }`);
      const text = JSON.stringify(res.body);
      assert.equal(res.body.errors[0].extensions.code, "INTERNAL_SERVER_ERROR");
      assert.equal(res.body.errors[0].message, "Internal server error");
      assert.doesNotMatch(text, /workflows|relation|SELECT|stack/i);
      assert.ok(
        s.logged.some((l) => l.level === "error" && JSON.stringify(l.fields).includes("workflows")),
        "the cause is logged",
      );
    } finally {
      await db.query(`ALTER TABLE workflows_away RENAME TO workflows`);
      await db.end();
    }
  });
});
