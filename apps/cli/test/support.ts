// Runs the real `backbeat` bin as a child process, and a server started by `backbeat start`.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "@backbeat/db/testing";

// The bin from the sources (through tsx), not the compiled dist/ that bin/backbeat.js prefers: the tests are
// about the code as it is now, built or not.
export const BIN = path.resolve(import.meta.dirname, "../bin/backbeat-dev.js");
export const ADMIN_TOKEN = "cli-test-admin-token-0123456789";

export type Run = { code: number | null; stdout: string; stderr: string };

export function backbeat(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, BACKBEAT_ADMIN_TOKEN: "", BACKBEAT_URL: "", ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(options.input ?? "");
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

export type CliServer = { url: string; child: ChildProcess; lines: string[]; exited: Promise<number | null> };

/** `backbeat start` on a free port against `databaseUrl`; resolves once /health answers. */
export async function startServer(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<CliServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, "start", "--port", String(port), "--database-url", databaseUrl], {
    env: { ...process.env, BACKBEAT_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on("line", (l) => lines.push(l));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`backbeat start did not come up:\n${lines.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: `${base}/graphql`, child, lines, exited };
}
