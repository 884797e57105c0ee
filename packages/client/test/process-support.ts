// Real processes for the SDK's process tests: the Backbeat server (apps/server/src/main.ts, with its
// scheduler on the real clock) on a port that survives a restart, and worker scripts that print what
// they do as JSON lines. Every child is killed when this process exits, whatever happened.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "@backbeat/db/testing";
import { BackbeatClient } from "../src/index.ts";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
const MAIN = path.join(ROOT, "apps/server/src/main.ts");
// tsx applies one tsconfig per process: the API's type-graphql classes need its decorator settings.
const TSX_TSCONFIG = path.join(ROOT, "packages/api/tsconfig.json");
export const PROCESS_ADMIN_TOKEN = "sdk-process-admin-token-0123456789";

const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

export type Proc = {
  child: ChildProcess;
  /** Every stdout/stderr line so far. */
  lines: string[];
  exited: Promise<void>;
  /** SIGKILL: dies at once, whatever it was doing. */
  kill: () => Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop: () => Promise<void>;
};

export function startProcess(name: string, args: string[], env: Record<string, string>, echo = false): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: TSX_TSCONFIG, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      lines.push(line);
      if (echo || stream === child.stderr) process.stderr.write(`[${name}] ${line}\n`);
    });
  }
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  void exited.then(() => children.delete(child));
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    lines,
    exited,
    kill: async () => {
      if (alive()) child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (alive()) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Polls `check` until it holds; fails with `what` after `ms`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type ServerProc = Proc & { url: string; port: number };

/**
 * The server on `port` (a free one when absent): start it again with the same port and database to restart it.
 * `env`: more settings (e.g. tracing's).
 */
export async function startServerProcess(
  databaseUrl: string,
  port?: number,
  env: Record<string, string> = {},
): Promise<ServerProc> {
  const p = port ?? (await freePort());
  const proc = startProcess(
    `server:${p}`,
    [MAIN],
    {
      PORT: String(p),
      DATABASE_URL: databaseUrl,
      BACKBEAT_ADMIN_TOKEN: PROCESS_ADMIN_TOKEN,
      LOG_LEVEL: "warn",
      ...env,
    },
    false,
  );
  const base = `http://127.0.0.1:${p}`;
  let dead = false;
  void proc.exited.then(() => (dead = true));
  await waitFor(
    `the server on ${p}`,
    async () =>
      dead ||
      (await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )),
    60_000,
  );
  if (dead) throw new Error(`the server did not start:\n${proc.lines.join("\n")}`);
  return { ...proc, url: `${base}/graphql`, port: p };
}

/** A client application registered by the admin: push when `endpoint` is given, else pull. */
export async function registerClient(
  serverUrl: string,
  name: string,
  endpoint?: string,
): Promise<{ id: string; token: string; signingSecret: string }> {
  const admin = new BackbeatClient({ url: serverUrl, token: PROCESS_ADMIN_TOKEN });
  const { token, signingSecret, client } = await admin.createClient(
    endpoint
      ? { name, activityEndpoint: endpoint, decisionEndpoint: endpoint, notificationEndpoint: endpoint }
      : { name },
  );
  return { id: client.id, token, signingSecret };
}

/** The JSON lines a worker script printed (others are ignored). */
export function events<T>(proc: Proc): T[] {
  return proc.lines.flatMap((line) => {
    if (!line.startsWith("{")) return [];
    try {
      return [JSON.parse(line) as T];
    } catch {
      return [];
    }
  });
}
