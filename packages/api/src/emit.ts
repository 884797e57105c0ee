// The schema as committed SDL: what `emit-schema` writes and what the staleness test compares.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lexicographicSortSchema, printSchema } from "graphql";
import { buildBackbeatSchema } from "./schema.ts";

export const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../schema.graphql");

const HEADER = `# Generated from the type-graphql classes in packages/api/src: do not edit.
# Regenerate with \`pnpm --filter @backbeat/api emit-schema\` (a test fails when this file is stale).
`;

/** Sorted, so that the file changes only when the schema does (not when resolvers move around). */
export async function emittedSchema(): Promise<string> {
  return `${HEADER}\n${printSchema(lexicographicSortSchema(await buildBackbeatSchema()))}\n`;
}
