// The committed schema.graphql is what clients and the contract check read: it must be exactly
// what the code builds. On failure, run `pnpm --filter @backbeat/api emit-schema` and commit.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { emittedSchema, SCHEMA_FILE } from "../src/emit.ts";

describe("packages/api/schema.graphql", () => {
  it("is current (else: pnpm --filter @backbeat/api emit-schema)", async () => {
    assert.equal(readFileSync(SCHEMA_FILE, "utf8"), await emittedSchema(), "schema.graphql is stale");
  });
});
