// Operators, sessions and roles over real HTTP and graphql-ws: signIn (right and wrong get one
// answer), sessions as bearer tokens, expiry on the engine's clock, signOut, hashes at rest, what
// each role may do, and the audit log of every operator mutation (failures included).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { CREATE_WORKFLOW, REPORT, SIGNAL } from "./fragments.ts";
import { actionsSince, CREATE_OPERATOR, lastActionId, operatorSession, rows, SIGN_IN } from "./operator-support.ts";
import { ADMIN_TOKEN, dbSnapshot, errorOf, startServer, type TestClient, type TestServer } from "./support.ts";
import { subscribe, wsClient } from "./ws-support.ts";

const ME = `{ me { id login role createdAt } }`;

describe("operators, sessions and roles", () => {
  let s: TestServer;
  let app: TestClient;
  let viewer: string;
  let operator: string;
  before(async () => {
    s = await startServer();
    app = await s.newClient("roles-app");
    viewer = await operatorSession(s, "vera.viewer", "VIEWER");
    operator = await operatorSession(s, "otto@ops", "OPERATOR");
  });
  after(() => s.close());

  it("signIn: a right password gives a bbs_ session; a wrong password and an unknown login get the same answer", async () => {
    const ok = await s.ok(null, SIGN_IN, { login: "vera.viewer", password: "vera.viewer-password" });
    assert.match(ok.signIn.token, /^bbs_[A-Za-z0-9_-]{43}$/);
    assert.equal(ok.signIn.operator.role, "VIEWER");
    assert.equal(ok.signIn.expiresAt, new Date(s.clock.now().getTime() + 12 * 3_600_000).toISOString());
    const wrongPassword = await s.gql(null, SIGN_IN, { login: "vera.viewer", password: "not-her-password" });
    const unknownLogin = await s.gql(null, SIGN_IN, { login: "nobody.here", password: "vera.viewer-password" });
    for (const res of [wrongPassword, unknownLogin]) {
      assert.deepEqual(errorOf(res), {
        message: "wrong login or password",
        code: "UNAUTHENTICATED",
        extensions: { code: "UNAUTHENTICATED" },
      });
      assert.equal(res.body.data, null);
    }
    // The built-in admin signs in with the admin token as password.
    const admin = await s.ok(null, SIGN_IN, { login: "admin", password: ADMIN_TOKEN });
    assert.deepEqual(
      { id: admin.signIn.operator.id, role: admin.signIn.operator.role },
      { id: "admin", role: "ADMIN" },
    );
    assert.equal((await s.ok(admin.signIn.token, ME)).me.login, "admin");
    assert.equal(errorOf(await s.gql(null, SIGN_IN, { login: "admin", password: "guess" })).code, "UNAUTHENTICATED");
  });

  it("without a token only signIn passes: anything else (even next to signIn) stays a 401", async () => {
    const mixed = await s.gql(
      null,
      `mutation { signIn(login: "vera.viewer", password: "vera.viewer-password") { token } signOut }`,
    );
    assert.equal(mixed.status, 401);
    assert.equal(errorOf(mixed).code, "UNAUTHENTICATED");
    const query = await s.gql(null, ME);
    assert.equal(query.status, 401);
  });

  it("stores the password as bcrypt (cost 12) and the session only as its SHA-256", async () => {
    const [op] = await rows<{ password_hash: string }>(
      s.database.url,
      `SELECT password_hash FROM operators WHERE login = 'vera.viewer'`,
    );
    assert.match(op!.password_hash, /^\$2[aby]\$12\$.{53}$/);
    assert.ok(!op!.password_hash.includes("vera.viewer-password"));
    const sessions = await rows<{ token_hash: string }>(s.database.url, `SELECT token_hash FROM operator_sessions`);
    const hash = createHash("sha256").update(viewer).digest("hex");
    assert.ok(
      sessions.some((r) => r.token_hash === hash),
      "the session's hash is stored",
    );
    assert.ok(
      sessions.every((r) => !r.token_hash.startsWith("bbs_")),
      "no token in clear",
    );
  });

  it("a session works over HTTP and over graphql-ws connectionParams", async () => {
    assert.deepEqual(
      { login: (await s.ok(viewer, ME)).me.login, role: (await s.ok(viewer, ME)).me.role },
      { login: "vera.viewer", role: "VIEWER" },
    );
    // Over graphql-ws the session is sent as connectionParams.authorization.
    const client = wsClient(s.url, operator);
    const meOverWs = subscribe(client, ME);
    await meOverWs.ended;
    assert.deepEqual(meOverWs.errors, []);
    assert.equal(meOverWs.events[0]!.me.login, "otto@ops");
    await client.dispose();
    // A wrong session token is refused at connection time (no operation runs).
    let closedWith = 0;
    const bad = wsClient(s.url, "bbs_not-a-session", (code) => (closedWith = code));
    const refused = subscribe(bad, `subscription { nodeEvents { statusChange { toStatus } } }`);
    await refused.ended;
    assert.equal(closedWith, 4403);
    await bad.dispose();
  });

  it("a VIEWER reads everything an operator reads but every action kind is FORBIDDEN, changes nothing and is recorded", async () => {
    const w = await s.ok(app.token, CREATE_WORKFLOW, { input: { name: "viewer-target", subject: 2 } });
    const workflowId = w.createWorkflow.id as string;
    const nodeId = (await s.ok(app.token, SIGNAL, { id: workflowId, input: { name: "n" } })).signalWorkflow.id;
    await s.drain();

    // Reads.
    const read = await s.ok(
      viewer,
      `query($w: ID!, $n: ID!) { workflow(id: $w) { name statusCounts { status count } }
        node(id: $n) { name whyNotRunning { code } } clients { name connectedWorkers }
        nodes(first: 5) { edges { node { id } } } overview(minutes: 5) { perMinute { minute } }
        operatorActions(first: 1) { edges { node { action } } } me { role } }`,
      { w: workflowId, n: nodeId },
    );
    assert.equal(read.workflow.name, "viewer-target");
    assert.equal(read.me.role, "VIEWER");

    const actions: [string, string, Record<string, unknown>][] = [
      ["createClient", `mutation { createClient(input: { name: "nope" }) { token } }`, {}],
      [
        "createWorkflow",
        `mutation($c: ID!) { createWorkflow(input: { name: "v", subject: 1, clientId: $c }) { id } }`,
        { c: app.id },
      ],
      [
        "signalWorkflow",
        `mutation($w: ID!) { signalWorkflow(workflowId: $w, input: { name: "x" }) { id } }`,
        { w: workflowId },
      ],
      ["pauseWorkflow", `mutation($w: ID!) { pauseWorkflow(id: $w) { id } }`, { w: workflowId }],
      ["resumeWorkflow", `mutation($w: ID!) { resumeWorkflow(id: $w) { id } }`, { w: workflowId }],
      ["completeWorkflow", `mutation($w: ID!) { completeWorkflow(id: $w) { id } }`, { w: workflowId }],
      ["restartNode", `mutation($n: ID!) { restartNode(id: $n) { id } }`, { n: nodeId }],
      ["resetNode", `mutation($n: ID!) { resetNode(id: $n) { id } }`, { n: nodeId }],
      ["scheduleNode", `mutation($n: ID!) { scheduleNode(id: $n) { id } }`, { n: nodeId }],
      ["heartbeatNode", `mutation($n: ID!) { heartbeatNode(nodeId: $n) { id } }`, { n: nodeId }],
      ["addChildren", `mutation($n: ID!) { addChildren(nodeId: $n, children: [{ name: "c" }]) { id } }`, { n: nodeId }],
      ["reportNodeStatus:CANCELED", REPORT, { id: nodeId, status: "CANCELED" }],
      ["bulkAction:RETRY", `mutation { bulkAction(action: RETRY, expectedCount: 0) { matched } }`, {}],
      ["createOperator", CREATE_OPERATOR, { input: { login: "sneaky", password: "12345678", role: "ADMIN" } }],
    ];
    const snapshot = await dbSnapshot(s.database.url);
    const since = await lastActionId(s.database.url);
    for (const [name, query, variables] of actions) {
      const res = await s.gql(viewer, query, variables);
      assert.equal(errorOf(res).code, "FORBIDDEN", name);
    }
    assert.deepEqual(await dbSnapshot(s.database.url), snapshot, "nothing changed");
    const recorded = await actionsSince(s.database.url, since);
    assert.deepEqual(
      recorded.map((r) => [r.action, r.operator, r.result]),
      actions.map(([name]) => [name, "vera.viewer", "FORBIDDEN"]),
    );
  });

  it("createOperator: ADMIN only (an OPERATOR and a client are FORBIDDEN), validated, duplicates are a CONFLICT", async () => {
    const input = { login: "new.person", password: "long-enough", role: "OPERATOR" };
    assert.equal(errorOf(await s.gql(operator, CREATE_OPERATOR, { input })).code, "FORBIDDEN");
    assert.equal(errorOf(await s.gql(app.token, CREATE_OPERATOR, { input })).code, "FORBIDDEN");
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ ...input, login: "ab" }, /login must be 3 to 64/],
      [{ ...input, login: "has space" }, /login must be/],
      [{ ...input, login: "x".repeat(65) }, /login must be/],
      [{ ...input, password: "short" }, /at least 8/],
    ];
    const before = await rows(s.database.url, `SELECT id FROM operators`);
    for (const [i, message] of bad) {
      const e = errorOf(await s.gql(ADMIN_TOKEN, CREATE_OPERATOR, { input: i }));
      assert.equal(e.code, "BAD_USER_INPUT");
      assert.match(e.message, message);
    }
    assert.equal((await rows(s.database.url, `SELECT id FROM operators`)).length, before.length);
    const created = await s.ok(ADMIN_TOKEN, CREATE_OPERATOR, { input });
    assert.deepEqual(
      { login: created.createOperator.login, role: created.createOperator.role },
      { login: "new.person", role: "OPERATOR" },
    );
    assert.equal(errorOf(await s.gql(ADMIN_TOKEN, CREATE_OPERATOR, { input })).code, "CONFLICT");
    assert.equal(
      errorOf(await s.gql(ADMIN_TOKEN, CREATE_OPERATOR, { input: { ...input, login: "admin" } })).code,
      "CONFLICT",
    );
    // An ADMIN session may create operators too, and list them.
    const adminSession = await operatorSession(s, "ada.admin", "ADMIN");
    const listed = await s.ok(adminSession, `{ operators { login role } }`);
    assert.ok(listed.operators.some((o: { login: string }) => o.login === "new.person"));
    assert.equal(errorOf(await s.gql(operator, `{ operators { login } }`)).code, "FORBIDDEN");
  });

  it("client tokens are FORBIDDEN on every operator-only field", async () => {
    for (const query of [
      ME,
      `{ operators { id } }`,
      `{ operatorActions { edges { cursor } } }`,
      `{ overview { perMinute { minute } } }`,
      `{ bulkPreview(action: RETRY) { count } }`,
      `mutation { bulkAction(action: CANCEL, expectedCount: 0) { matched } }`,
    ]) {
      assert.equal(errorOf(await s.gql(app.token, query)).code, "FORBIDDEN", query);
    }
  });

  it("an OPERATOR acts; the audit log records ok and failed actions, newest first, in pages", async () => {
    const since = await lastActionId(s.database.url);
    const w = await s.ok(operator, CREATE_WORKFLOW, { input: { name: "audited", subject: 3, clientId: app.id } });
    const workflowId = w.createWorkflow.id as string;
    await s.ok(operator, `mutation($w: ID!) { pauseWorkflow(id: $w) { id } }`, { w: workflowId });
    const failed = await s.gql(operator, `mutation($n: ID!) { restartNode(id: $n) { id } }`, {
      n: "00000000-0000-4000-8000-000000000000",
    });
    assert.equal(errorOf(failed).code, "NOT_FOUND");
    // A client's own mutations are not operator actions.
    await s.ok(app.token, SIGNAL, { id: workflowId, input: { name: "by the app" } });

    const recorded = await actionsSince(s.database.url, since);
    assert.deepEqual(
      recorded.map((r) => [r.operator, r.action, r.result]),
      [
        ["otto@ops", "createWorkflow", "ok"],
        ["otto@ops", "pauseWorkflow", "ok"],
        ["otto@ops", "restartNode", "NOT_FOUND"],
      ],
    );
    assert.deepEqual(recorded[1]!.target, { workflowId });
    assert.match(recorded[2]!.message!, /not found/i);

    const page1 = await s.ok(
      viewer,
      `{ operatorActions(first: 2) { edges { cursor node { action result operator } } pageInfo { hasNextPage endCursor } } }`,
    );
    assert.deepEqual(
      page1.operatorActions.edges.map((e: { node: { action: string } }) => e.node.action),
      ["restartNode", "pauseWorkflow"],
    );
    assert.equal(page1.operatorActions.pageInfo.hasNextPage, true);
    const page2 = await s.ok(
      viewer,
      `query($a: String) { operatorActions(first: 1, after: $a) { edges { node { action } } } }`,
      {
        a: page1.operatorActions.pageInfo.endCursor,
      },
    );
    assert.equal(page2.operatorActions.edges[0].node.action, "createWorkflow");
    assert.equal(
      errorOf(await s.gql(viewer, `{ operatorActions(after: "garbage") { edges { cursor } } }`)).code,
      "BAD_USER_INPUT",
    );

    // signIn attempts are recorded too, the failed ones with the login that was tried.
    const before = await lastActionId(s.database.url);
    await s.gql(null, SIGN_IN, { login: "otto@ops", password: "wrong-password" });
    await s.ok(null, SIGN_IN, { login: "otto@ops", password: "otto@ops-password" });
    assert.deepEqual(
      (await actionsSince(s.database.url, before)).map((r) => [r.operator, r.action, r.result]),
      [
        ["otto@ops", "signIn", "UNAUTHENTICATED"],
        ["otto@ops", "signIn", "ok"],
      ],
    );
  });
  // Last: it moves the clock past every session made above.
  it("sessions expire on the engine's clock; signOut ends one at once", async () => {
    const short = await operatorSession(s, "eve.expiring", "VIEWER");
    s.clock.advance(12 * 3_600_000 - 1);
    assert.equal((await s.ok(short, ME)).me.login, "eve.expiring");
    s.clock.advance(1);
    const expired = await s.gql(short, ME);
    assert.equal(expired.status, 401);
    assert.equal(errorOf(expired).code, "UNAUTHENTICATED");

    const again = (await s.ok(null, SIGN_IN, { login: "eve.expiring", password: "eve.expiring-password" })).signIn
      .token as string;
    assert.equal(await s.ok(again, `mutation { signOut }`).then((d) => d.signOut), true);
    assert.equal((await s.gql(again, ME)).status, 401);
    const hash = createHash("sha256").update(again).digest("hex");
    assert.equal(
      (await rows(s.database.url, `SELECT 1 FROM operator_sessions WHERE token_hash = $1`, [hash])).length,
      0,
    );
    // The admin token has no session: signOut is a no-op and it keeps working.
    assert.equal((await s.ok(ADMIN_TOKEN, `mutation { signOut }`)).signOut, true);
    assert.equal((await s.ok(ADMIN_TOKEN, ME)).me.id, "admin");
  });
});
