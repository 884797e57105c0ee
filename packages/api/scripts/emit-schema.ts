// Writes packages/api/schema.graphql, the committed SDL that CI checks against the contract.
import { writeFileSync } from "node:fs";
import { emittedSchema, SCHEMA_FILE } from "../src/emit.ts";

writeFileSync(SCHEMA_FILE, await emittedSchema());
console.log(`wrote ${SCHEMA_FILE}`);
