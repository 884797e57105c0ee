// Every GraphQL answer over HTTP says `cache-control: no-store`, as Apollo's cache-control plugin did
// before it was switched off (uncacheable-responses.ts): answers with data and with errors.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ADMIN_TOKEN, startServer, type TestServer } from "./support.ts";

describe("GraphQL answers are not cacheable", () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  it("a query, a mutation and an error all carry cache-control: no-store", async () => {
    const answers = [
      await s.gql(ADMIN_TOKEN, "{ clients { id } }"),
      await s.gql(ADMIN_TOKEN, `mutation { createClient(input: { name: "cache" }) { token } }`),
      await s.gql(ADMIN_TOKEN, `{ node(id: "00000000-0000-4000-8000-000000000000") { id } }`),
    ];
    assert.equal(answers[0]!.status, 200);
    assert.ok(answers[1]!.body.data?.createClient?.token, "the mutation ran");
    assert.ok(answers[2]!.body.errors?.length, "the unknown node is an error");
    for (const answer of answers) assert.equal(answer.headers.get("cache-control"), "no-store");
  });
});
