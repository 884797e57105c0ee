// graphql-codegen: typed documents for the CLI's own operations (src/operations/*.graphql; the rest come from
// @backbeat/client's `documents`), with the repository's one setup (@backbeat/codegen).
// `pnpm --filter @backbeat/cli codegen` writes src/generated/graphql.ts; test/codegen.test.ts fails when it is stale.
import path from "node:path";
import { clientCodegenConfig } from "@backbeat/codegen";

export default clientCodegenConfig({
  packageDir: path.resolve(import.meta.dirname, ".."),
  documents: ["src/operations/*.graphql"],
});
