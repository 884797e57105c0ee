// `pnpm start` typed inside apps/server (this package's own script) refuses, pointing to the root,
// instead of starting a second, empty embedded database in apps/server/.data.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { it } from "node:test";

const PACKAGE_DIR = path.resolve(import.meta.dirname, "..");
const MAIN = path.join(PACKAGE_DIR, "src/main.ts");

it("refuses to start from apps/server with a pointer to the repository root", () => {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_lifecycle_event: "start", INIT_CWD: PACKAGE_DIR };
  delete env.DATABASE_URL;
  delete env.BACKBEAT_DATA_DIR;
  const run = spawnSync(process.execPath, ["--import", "tsx", MAIN], {
    cwd: PACKAGE_DIR,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(run.status, 1);
  const root = path.resolve(PACKAGE_DIR, "../..");
  assert.equal(
    run.stderr.trim(),
    `pnpm start in apps/server: run it from the repository root (cd ${root} && pnpm start)`,
  );
});
