#!/usr/bin/env node
// The `backbeat` command: the compiled CLI (dist/, made by `pnpm build`), run by plain node. The workspace
// packages export their TypeScript sources by default (tests and development run them through tsx); the
// "backbeat-compiled" condition, added to every import by compiled-condition.js, selects their dist/ instead.
// A checkout that was never built runs the sources (backbeat-dev.js), when tsx is installed.
import { existsSync } from "node:fs";
import { register } from "node:module";

const main = new URL("../dist/main.js", import.meta.url);
if (existsSync(main)) {
  register("./compiled-condition.js", import.meta.url);
  await import(main.href);
} else {
  await import("./backbeat-dev.js").catch((error) => {
    if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("'tsx")) throw error;
    process.stderr.write("backbeat: not built: run `pnpm build` first\n");
    process.exit(1);
  });
}
