// The committed typed documents (src/generated/graphql.ts) must be exactly what codegen makes from
// the dashboard's .graphql files and the API's committed schema. On failure: pnpm --filter @backbeat/dashboard codegen.
import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { regenerate } from "@backbeat/codegen";

describe("apps/dashboard/src/generated/graphql.ts", () => {
  it("is current (else: pnpm --filter @backbeat/dashboard codegen)", async () => {
    const { committed, fresh } = await regenerate(path.resolve(import.meta.dirname, ".."));
    assert.ok(fresh !== undefined, "codegen produced the file");
    assert.equal(committed, fresh, "the generated documents are stale");
  });
});
