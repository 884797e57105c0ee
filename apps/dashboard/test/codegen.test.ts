// The committed typed documents (src/generated/graphql.ts) must be exactly what codegen makes from the
// dashboard's .graphql files and the API's committed schema. On failure: pnpm --filter @backbeat/dashboard codegen.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { generate, loadCodegenConfig } from "@graphql-codegen/cli";

const PACKAGE = path.resolve(import.meta.dirname, "..");
const GENERATED_FILE = path.join(PACKAGE, "src/generated/graphql.ts");

describe("apps/dashboard/src/generated/graphql.ts", () => {
  it("is current (else: pnpm --filter @backbeat/dashboard codegen)", async () => {
    const { config } = await loadCodegenConfig({ configFilePath: path.join(PACKAGE, "scripts/codegen.ts") });
    const outputs: { filename: string; content: string }[] = await generate(config, false);
    const output = outputs.find((o) => o.filename === GENERATED_FILE);
    assert.ok(output, "codegen produced the file");
    assert.equal(readFileSync(GENERATED_FILE, "utf8"), output.content, "the generated documents are stale");
  });
});
