// An operator's createWorkflow naming a client that does not exist (found by the fault suite's
// generated requests): NOT_FOUND, as for any unknown id, not an internal error from the foreign key;
// no workflow written and nothing logged as an error.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { ADMIN_TOKEN, dbSnapshot, errorOf, startServer, type TestServer } from "./support.ts";

const CREATE_WORKFLOW = `mutation($i: CreateWorkflowInput!) { createWorkflow(input: $i) { id } }`;

describe("createWorkflow for an unknown client", () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  it("answers NOT_FOUND and writes no workflow", async () => {
    const before = await dbSnapshot(s.database.url);
    const clientId = randomUUID();
    const res = await s.gql(ADMIN_TOKEN, CREATE_WORKFLOW, { i: { name: "w", subject: { k: 1 }, clientId } });
    const error = errorOf(res);
    assert.equal(error.code, "NOT_FOUND", JSON.stringify(res.body));
    assert.match(error.message, new RegExp(clientId));
    assert.deepEqual(await dbSnapshot(s.database.url), before, "nothing written");
    assert.deepEqual(
      s.logged.filter((l) => l.level === "error"),
      [],
      "nothing logged as an error",
    );
  });
});
