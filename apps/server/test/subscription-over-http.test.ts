// A subscription sent over plain HTTP is refused cleanly (400 BAD_USER_INPUT, pointing to WebSocket),
// never an internal error; queries and mutations in the same shape still run.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { errorOf, startServer, type TestClient, type TestServer } from "./support.ts";

describe("subscriptions over HTTP", () => {
  let s: TestServer;
  let c: TestClient;
  before(async () => {
    s = await startServer();
    c = await s.newClient("p");
  });
  after(() => s.close());

  it("POST of a subscription: 400 BAD_USER_INPUT", async () => {
    const res = await s.gql(c.token, `subscription { nodesToRun(concurrency: 1) { id } }`);
    assert.equal(res.status, 400);
    assert.equal(errorOf(res).code, "BAD_USER_INPUT");
    assert.match(errorOf(res).message, /WebSocket/);
  });

  it("the subscription picked by operationName among others: refused; the query beside it runs", async () => {
    const doc = `query Q { workflowNames } subscription S { nodesToRun(concurrency: 1) { id } }`;
    const post = (operationName: string) =>
      fetch(s.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${c.token}` },
        body: JSON.stringify({ query: doc, operationName }),
      });
    assert.equal((await post("S")).status, 400);
    assert.equal((await post("Q")).status, 200);
  });
});
