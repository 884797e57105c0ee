// Real Backbeat server processes (apps/server/src/main.ts, scheduler and GraphQL) for multi-process
// tests of the API: each has its own pools, status feed and advisory-lock connection, exactly as in
// production. Tracked by cluster.ts, so killAllEngineProcesses() in an after() hook ends them too.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "@backbeat/db/testing";
import { pollUntil, trackChild } from "./cluster.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MAIN = path.join(ROOT, "apps/server/src/main.ts");
// tsx applies one tsconfig per process: the API's type-graphql classes need its decorator settings.
const TSX_TSCONFIG = path.join(ROOT, "packages/api/tsconfig.json");

export const ADMIN_TOKEN = "e2e-admin-token-0123456789";

export type ServerProcess = {
  name: string;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  lines: string[];
  /** The process itself (e.g. to check that it is still running). */
  child: ChildProcess;
  /** SIGKILL: the process dies at once, its connections (and advisory locks) with it. */
  kill: () => Promise<void>;
};

/** `port`: a given one (e.g. to restart a killed server where its workers reconnect), else a free one. */
export async function startServerProcess(name: string, databaseUrl: string, readyTimeoutMs = 60_000, port?: number) {
  port ??= await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      BACKBEAT_ADMIN_TOKEN: ADMIN_TOKEN,
      TSX_TSCONFIG_PATH: TSX_TSCONFIG,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  trackChild(child);
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      lines.push(line);
      if (/"level":"error"/.test(line) || stream === child.stderr) process.stderr.write(`[${name}] ${line}\n`);
    });
  }
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const dead = () => child.exitCode !== null || child.signalCode !== null;
  const kill = async () => {
    if (!dead()) child.kill("SIGKILL");
    await exited;
  };
  const base = `http://127.0.0.1:${port}`;
  const healthy = await pollUntil(
    async () =>
      dead() ||
      (await fetch(`${base}/health`)
        .then((r) => r.ok)
        .catch(() => false)),
    readyTimeoutMs,
    100,
  );
  if (!healthy || dead()) {
    await kill();
    throw new Error(`server ${name} did not start\n${lines.join("\n")}`);
  }
  return { name, url: `${base}/graphql`, lines, child, kill } satisfies ServerProcess;
}
