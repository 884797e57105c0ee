// The built dashboard (`next start`, apps/dashboard/.next) as a real process, pointed at one server.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "@backbeat/db/testing";
import { pollUntil, trackChild } from "../../src/cluster.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const DASHBOARD = path.join(ROOT, "apps/dashboard");
const NEXT_BIN = path.join(DASHBOARD, "node_modules/next/dist/bin/next");

export type DashboardProcess = { url: string; lines: string[]; kill: () => Promise<void> };

export async function startDashboardProcess(graphqlUrl: string, readyTimeoutMs = 60_000): Promise<DashboardProcess> {
  // NEXT_DIST_DIR (next.config.ts): a build in its own folder, so a build of .next meanwhile does not matter.
  if (!existsSync(path.join(DASHBOARD, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
    throw new Error(
      "apps/dashboard is not built: run `pnpm run test:browser` (it builds the dashboard), or " +
        "`NEXT_TELEMETRY_DISABLED=1 pnpm --filter @backbeat/dashboard build` first",
    );
  }
  const port = await freePort();
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: DASHBOARD,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      BACKBEAT_GRAPHQL_URL: graphqlUrl,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  trackChild(child);
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      lines.push(line);
      if (stream === child.stderr) process.stderr.write(`[dashboard] ${line}\n`);
    });
  }
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const dead = () => child.exitCode !== null || child.signalCode !== null;
  const kill = async () => {
    if (!dead()) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  // Any HTTP answer (the sign-in page, or a redirect to it) means Next is serving.
  const ready = await pollUntil(
    async () =>
      dead() ||
      (await fetch(`${url}/signin`, { redirect: "manual" })
        .then((r) => r.status < 500)
        .catch(() => false)),
    readyTimeoutMs,
    200,
  );
  if (!ready || dead()) {
    await kill();
    throw new Error(`the dashboard did not start\n${lines.join("\n")}`);
  }
  return { url, lines, kill };
}
