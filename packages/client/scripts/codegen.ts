// graphql-codegen: typed documents for the operations in src/operations/*.graphql, with the repository's one
// setup (@backbeat/codegen). `pnpm --filter @backbeat/client codegen` writes src/generated/graphql.ts;
// test/codegen.test.ts fails when that file is stale.
import path from "node:path";
import { clientCodegenConfig } from "@backbeat/codegen";

export default clientCodegenConfig({
  packageDir: path.resolve(import.meta.dirname, ".."),
  documents: ["src/operations/*.graphql"],
  jsonType: "import('../json.ts').Json",
});
