// graphql-codegen: typed documents for the dashboard's operations (the `*.graphql` files next to the pages and
// in src/lib), from the API's committed schema (a file: it runs offline). `pnpm --filter @backbeat/dashboard
// codegen` writes src/generated/graphql.ts; test/codegen.test.ts fails when it is stale. The documents are
// strings (documentMode "string"): gql() posts their text, and no GraphQL library reaches the bundle.
import path from "node:path";
import type { CodegenConfig } from "@graphql-codegen/cli";

const PACKAGE = path.resolve(import.meta.dirname, "..");
export const GENERATED_FILE = path.join(PACKAGE, "src/generated/graphql.ts");

const config: CodegenConfig = {
  schema: path.join(PACKAGE, "../../packages/api/schema.graphql"),
  documents: [path.join(PACKAGE, "src/**/*.graphql")],
  silent: true,
  // Plugins resolve from this package (its devDependencies), whatever the working directory.
  pluginLoader: (name: string) => import(name),
  generates: {
    [GENERATED_FILE]: {
      plugins: ["typescript-operations", "typed-document-node"],
      config: {
        documentMode: "string",
        enumsAsTypes: true,
        scalars: { DateTime: "string", JSON: "unknown" },
        strictScalars: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        maybeValue: "T | null",
        inputMaybeValue: "T | null | undefined",
      },
    },
  },
};

export default config;
