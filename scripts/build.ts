// `pnpm build`: the server and the CLI compiled to dist/, with every package they import (`tsc -b` over their
// tsconfig.build.json, whose references give the order; incremental: only what changed since the last build).
// One build at a time: `pnpm start` and the tests may ask for one at the same moment, and a server started
// by one could read a dist/ file that the other is rewriting.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const PROJECTS = ["apps/server/tsconfig.build.json", "apps/cli/tsconfig.build.json"];
const LOCK = path.join(ROOT, "node_modules/.cache/backbeat-build.lock");
const WAIT_MS = 300_000;

function holderAlive(): boolean {
  try {
    process.kill(Number(readFileSync(path.join(LOCK, "pid"), "utf8")), 0);
    return true;
  } catch {
    return false;
  }
}

async function acquire(): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, "pid"), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    // A build that died leaves its lock behind (a moment's grace: the holder writes its pid just after).
    if (!holderAlive()) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (!holderAlive()) rmSync(LOCK, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another build still holds ${LOCK} after ${WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

await acquire();
let status: number;
try {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  status =
    spawnSync(process.execPath, [tsc, "-b", ...PROJECTS, ...process.argv.slice(2)], { cwd: ROOT, stdio: "inherit" })
      .status ?? 1;
} finally {
  rmSync(LOCK, { recursive: true, force: true });
}
process.exit(status);
