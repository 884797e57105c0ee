#!/usr/bin/env node
// The `backbeat` command from its TypeScript sources, through tsx (a development dependency): for the tests
// and a checkout without a build. packages/api's tsconfig is the one applied because `backbeat start` loads
// the API's type-graphql classes, which need the legacy-decorator settings (tsconfig.decorators.json).
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../../packages/api/tsconfig.json", import.meta.url)) });
await import("../src/main.ts");
