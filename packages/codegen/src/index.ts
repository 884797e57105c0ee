// The one graphql-codegen setup of the repository's three GraphQL clients (the SDK, the CLI, the
// dashboard): typed documents from the API's committed schema (a file: it runs offline) into the
// package's src/generated/graphql.ts, with the same type options everywhere, and the check their
// tests use to fail when that file is stale. Development only: nothing here ships.
import { readFileSync } from "node:fs";
import path from "node:path";
import { generate, loadCodegenConfig, type CodegenConfig } from "@graphql-codegen/cli";

const SCHEMA_FILE = path.resolve(import.meta.dirname, "../../api/schema.graphql");

export type ClientCodegenOptions = {
  /** The client package's folder (its scripts/codegen.ts is the config). */
  packageDir: string;
  /** Globs of its `.graphql` documents, relative to `packageDir`. */
  documents: string[];
  /** The TypeScript type of the JSON scalar (default `unknown`). */
  jsonType?: string;
  /** "string": documents as their text, so no GraphQL library reaches a browser bundle. */
  documentMode?: "string";
};

export function generatedFile(packageDir: string): string {
  return path.join(packageDir, "src/generated/graphql.ts");
}

export function clientCodegenConfig(opts: ClientCodegenOptions): CodegenConfig {
  return {
    schema: SCHEMA_FILE,
    documents: opts.documents.map((glob) => path.join(opts.packageDir, glob)),
    silent: true,
    // Plugins resolve from this package (its dependencies), whatever the working directory.
    pluginLoader: (name: string) => import(name),
    generates: {
      [generatedFile(opts.packageDir)]: {
        // typescript-operations writes the enums and inputs it uses itself (the "typescript" plugin would repeat them).
        plugins: ["typescript-operations", "typed-document-node"],
        config: {
          ...(opts.documentMode ? { documentMode: opts.documentMode } : {}),
          // String unions, not TS enums: the types vanish at runtime and accept plain strings.
          enumsAsTypes: true,
          scalars: { DateTime: "string", JSON: opts.jsonType ?? "unknown" },
          strictScalars: true,
          useTypeImports: true,
          avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
          maybeValue: "T | null",
          inputMaybeValue: "T | null | undefined",
        },
      },
    },
  };
}

/** The committed generated file and what codegen makes now from the package's scripts/codegen.ts. */
export async function regenerate(packageDir: string): Promise<{ committed: string; fresh: string | undefined }> {
  // Loaded the way the graphql-codegen command loads it (the config is a script, outside the typechecked project).
  const { config } = await loadCodegenConfig({ configFilePath: path.join(packageDir, "scripts/codegen.ts") });
  const outputs = (await generate(config, false)) as { filename: string; content: string }[];
  const file = generatedFile(packageDir);
  return {
    committed: readFileSync(file, "utf8"),
    fresh: outputs.find((o) => o.filename === file)?.content,
  };
}
