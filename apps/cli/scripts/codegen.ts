// graphql-codegen: typed documents for the CLI's own operations (src/operations/*.graphql; the rest come from
// @backbeat/client's `documents`), from the API's committed schema (a file: it runs offline).
// `pnpm --filter @backbeat/cli codegen` writes src/generated/graphql.ts; test/codegen.test.ts fails when it is stale.
import path from "node:path";
import type { CodegenConfig } from "@graphql-codegen/cli";

const PACKAGE = path.resolve(import.meta.dirname, "..");
export const GENERATED_FILE = path.join(PACKAGE, "src/generated/graphql.ts");

const config: CodegenConfig = {
  schema: path.join(PACKAGE, "../../packages/api/schema.graphql"),
  documents: [path.join(PACKAGE, "src/operations/*.graphql")],
  silent: true,
  // Plugins resolve from this package (its devDependencies), whatever the working directory.
  pluginLoader: (name: string) => import(name),
  generates: {
    [GENERATED_FILE]: {
      plugins: ["typescript-operations", "typed-document-node"],
      config: {
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
