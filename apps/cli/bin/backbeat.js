#!/usr/bin/env node
// The `backbeat` command. The sources are TypeScript, run through tsx (no build step); packages/api's
// tsconfig is the one applied because `backbeat start` loads the API's type-graphql classes, which
// need its legacy-decorator settings.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../../packages/api/tsconfig.json", import.meta.url)) });
await import("../src/main.ts");
