// `pnpm build` (tsc -b: the server and the CLI compiled to dist/, and what they import; incremental, so only
// what changed since the last build), so that `backbeat start` runs with plain node. Its output (type
// errors) goes to the console; resolves true when it succeeded.
import { spawn } from "node:child_process";

export function buildServer(root: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const child = spawn("pnpm", ["run", "--silent", "build"], { cwd: root, env, stdio: "inherit" });
  return new Promise((resolve) => {
    child.on("error", () => resolve(false));
    child.on("close", (code) => resolve(code === 0));
  });
}
