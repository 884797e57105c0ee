// The ways around "no valid token, no answer" that a review found: a GET whose query string holds
// the operation but whose (ignored) JSON body is a signIn, and a graphql-ws connection that keeps
// acting with a session after signOut, and admin sessions that outlive the admin token they came from.
import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, it } from "node:test";
import { createAuthenticator } from "@backbeat/api";
import { operatorSession, SIGN_IN } from "./operator-support.ts";
import { ADMIN_TOKEN, startServer, type Json, type TestServer } from "./support.ts";
import { subscribe, wsClient } from "./ws-support.ts";

/** GET /graphql?query=… with a JSON body (fetch cannot send one with GET). */
function getWithBody(url: string, query: string, body: Json): Promise<{ status: number; body: Json }> {
  const target = new URL(url);
  target.searchParams.set("query", query);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: "GET",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Json }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

describe("authentication cannot be side-stepped", () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  it("a GET that runs a query from its URL is a 401 even when its body is a signIn", async () => {
    const signIn = { query: `mutation { signIn(login: "x", password: "y") { token } }` };
    const res = await getWithBody(s.url, `{ workflowNames }`, signIn);
    assert.equal(res.status, 401);
    assert.equal((res.body.errors as Json[])[0]!.extensions.code, "UNAUTHENTICATED");
    assert.equal(res.body.data, undefined);
  });

  it("after signOut, a graphql-ws connection opened with that session starts no new operation", async () => {
    const token = await operatorSession(s, "sam.signout", "VIEWER");
    const ws = wsClient(s.url, token);
    try {
      // An open subscription keeps the (lazy) connection open; a query over it proves it is up.
      const first = subscribe(ws, `subscription { nodeEvents { statusChange { id } } }`);
      const me = subscribe(ws, `{ me { login } }`);
      await me.ended;
      assert.deepEqual(me.events, [{ me: { login: "sam.signout" } }]);
      await s.ok(token, `mutation { signOut }`);
      const second = subscribe(ws, `subscription { nodeEvents { statusChange { id } } }`);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("the second subscription was accepted and stays open")), 5000);
      });
      await Promise.race([second.ended, deadline]).finally(() => clearTimeout(timer));
      assert.equal(second.errors.length, 1, JSON.stringify(second.errors));
      assert.equal(
        (second.errors[0]!.extensions as Json | undefined)?.code,
        "UNAUTHENTICATED",
        JSON.stringify(second.errors),
      );
      first.stop();
    } finally {
      await ws.dispose();
    }
  });

  it("an admin session ends when the admin token is changed or removed (a leaked token's sessions die with it)", async () => {
    const session = (await s.ok(null, SIGN_IN, { login: "admin", password: ADMIN_TOKEN })).signIn.token as string;
    const header = `Bearer ${session}`;
    const same = await createAuthenticator(s.engine, ADMIN_TOKEN)(header);
    assert.equal(same.kind === "operator" && same.operator.id, "admin");
    await assert.rejects(createAuthenticator(s.engine, "rotated-admin-token-9876543210")(header), {
      code: "UNAUTHENTICATED",
    });
    await assert.rejects(createAuthenticator(s.engine, null)(header), { code: "UNAUTHENTICATED" });
    // A signed-in operator's session does not depend on the admin token.
    const viewer = await operatorSession(s, "rita.rotation", "VIEWER");
    const other = await createAuthenticator(s.engine, null)(`Bearer ${viewer}`);
    assert.equal(other.kind === "operator" && other.operator.login, "rita.rotation");
  });

  it("signIn over graphql-ws knows the server's admin token, as over HTTP", async () => {
    const token = await operatorSession(s, "wanda.ws", "VIEWER");
    const ws = wsClient(s.url, token);
    try {
      const signIn = subscribe(
        ws,
        `mutation($p: String!) { signIn(login: "admin", password: $p) { operator { id } } }`,
        {
          p: ADMIN_TOKEN,
        },
      );
      await signIn.ended;
      assert.deepEqual(signIn.errors, []);
      assert.deepEqual(signIn.events, [{ signIn: { operator: { id: "admin" } } }]);
    } finally {
      await ws.dispose();
    }
  });
});
