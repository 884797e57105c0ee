// The dashboard (apps/dashboard, Next.js), when it exists: built when its build is missing or older than its
// sources, then served with `next start`.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export type DashboardState = "absent" | "stale" | "built";

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(entry)) {
    if (name === "node_modules" || name === ".next") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

export function dashboardState(dir: string): DashboardState {
  const manifest = path.join(dir, "package.json");
  if (!existsSync(manifest)) return "absent";
  const scripts = (JSON.parse(readFileSync(manifest, "utf8")) as { scripts?: Record<string, string> }).scripts;
  if (!scripts?.build) return "absent";
  const buildId = path.join(dir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "stale";
  const sources = ["src", "public", "next.config.ts", "package.json", "tsconfig.json"].map((f) => path.join(dir, f));
  return Math.max(...sources.map(newestMtime)) > statSync(buildId).mtimeMs ? "stale" : "built";
}

/** `pnpm --filter @backbeat/dashboard build`, its output on the console; resolves true when it succeeded. */
export function buildDashboard(root: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const child = spawn("pnpm", ["--filter", "@backbeat/dashboard", "build"], { cwd: root, env, stdio: "inherit" });
  return new Promise((resolve) => {
    child.on("error", () => resolve(false));
    child.on("close", (code) => resolve(code === 0));
  });
}

/** The `next` CLI of the dashboard, run with node directly (no shell in between to swallow signals). */
export function nextBin(dir: string): string {
  return createRequire(path.join(dir, "package.json")).resolve("next/dist/bin/next");
}
