// graphql-codegen: typed documents for the operations in src/operations/*.graphql, from the API's
// committed schema (a file: it runs offline). `pnpm --filter @backbeat/client codegen` writes
// src/generated/graphql.ts; test/codegen.test.ts fails when that file is stale.
import path from "node:path";
import type { CodegenConfig } from "@graphql-codegen/cli";

const PACKAGE = path.resolve(import.meta.dirname, "..");
export const GENERATED_FILE = path.join(PACKAGE, "src/generated/graphql.ts");

const config: CodegenConfig = {
  schema: path.join(PACKAGE, "../api/schema.graphql"),
  documents: [path.join(PACKAGE, "src/operations/*.graphql")],
  silent: true,
  // Plugins resolve from this package (its devDependencies), whatever the working directory.
  pluginLoader: (name: string) => import(name),
  generates: {
    [GENERATED_FILE]: {
      // typescript-operations 6 writes the enums and inputs it uses itself (the "typescript" plugin would repeat them).
      plugins: ["typescript-operations", "typed-document-node"],
      config: {
        // String unions, not TS enums: the types vanish at runtime and accept plain strings.
        enumsAsTypes: true,
        scalars: {
          DateTime: "string",
          JSON: "import('../json.ts').Json",
        },
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
