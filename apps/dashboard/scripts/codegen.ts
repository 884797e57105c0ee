// graphql-codegen: typed documents for the dashboard's operations (the `*.graphql` files next to the pages and
// in src/lib), with the repository's one setup (@backbeat/codegen). `pnpm --filter @backbeat/dashboard codegen`
// writes src/generated/graphql.ts; test/codegen.test.ts fails when it is stale. The documents are strings
// (documentMode "string"): gql() posts their text, and no GraphQL library reaches the bundle.
import path from "node:path";
import { clientCodegenConfig } from "@backbeat/codegen";

export default clientCodegenConfig({
  packageDir: path.resolve(import.meta.dirname, ".."),
  documents: ["src/**/*.graphql"],
  documentMode: "string",
});
