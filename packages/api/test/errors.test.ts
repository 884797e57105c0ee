// formatError: what a GraphQL client sees for an error a resolver threw.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GraphQLError } from "graphql";
import { formatError } from "../src/errors.ts";

const thrownBy = (original: Error) =>
  new GraphQLError(original.message, { path: ["nodesToRun"], originalError: original });

describe("formatError", () => {
  it("answers DATABASE_UNAVAILABLE, not INTERNAL_SERVER_ERROR, for a connection the driver lost mid-statement", () => {
    // What node-postgres throws when pg_terminate_backend or a restart cuts a statement, on a path
    // that did not go through the engine's own mapping.
    const terminated = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
    });
    const cut = new Error("Connection terminated unexpectedly");
    for (const original of [terminated, cut]) {
      const logged: unknown[] = [];
      const error = thrownBy(original);
      const out = formatError({ message: error.message, path: error.path }, error, (e) => logged.push(e));
      assert.equal(out.extensions?.code, "DATABASE_UNAVAILABLE", original.message);
      assert.match(out.message, /database is unavailable/);
      assert.equal(logged.length, 1, "the operator sees it in the logs");
    }
  });

  it("still hides a genuine fault behind INTERNAL_SERVER_ERROR", () => {
    const error = thrownBy(new TypeError("x is undefined"));
    const out = formatError({ message: error.message, path: error.path }, error);
    assert.deepEqual(out.extensions, { code: "INTERNAL_SERVER_ERROR" });
    assert.equal(out.message, "Internal server error");
  });
});
