// Backbeat as users run it: the server process (`backbeat start`, the product's CLI) on its own
// database, a client registered through GraphQL, and worker processes using @backbeat/client, pull
// (nodesToRun over WebSocket) or push (the server POSTs to the worker's HTTP endpoint). Work is
// started as users start it: createWorkflow, then signalWorkflow.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { BackbeatClient } from "@backbeat/client";
import { freePort, waitUntil } from "../infra/ports.ts";
import { startProcess, type Tracked } from "../infra/processes.ts";
import type { Infra, Shape, System, SystemFactory, Work } from "./system.ts";
import { ROOT, startWorkers } from "./workers.ts";

const ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";
const CLI = path.join(ROOT, "apps/cli/bin/backbeat.js");

/** The server runs compiled, as in production: `pnpm build` first (incremental: about a second when nothing changed). */
let built: Promise<void> | null = null;
function buildOnce(): Promise<void> {
  built ??= new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/build.ts")], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`pnpm build failed (exit ${code})`))));
  });
  return built;
}

async function startServer(name: string, databaseUrl: string): Promise<{ url: string; process: Tracked }> {
  await buildOnce();
  const port = await freePort();
  // BENCH_SERVER_CPU_PROF=<dir>: each server writes a CPU profile there when it stops (node --cpu-prof).
  const profile = process.env.BENCH_SERVER_CPU_PROF
    ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_SERVER_CPU_PROF]
    : [];
  // BENCH_SERVER_NODE_FLAGS="--heap-prof --heap-prof-dir /tmp/x": more node flags for each server (space-separated).
  const flags = process.env.BENCH_SERVER_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
  const proc = startProcess(name, process.execPath, [...profile, ...flags, CLI, "start", "--port", String(port)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, BACKBEAT_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: "warn" },
  });
  // BENCH_SERVER_OUTPUT=<file>: each server's stdout and stderr appended there (e.g. with --trace-gc).
  if (process.env.BENCH_SERVER_OUTPUT) {
    const out = createWriteStream(process.env.BENCH_SERVER_OUTPUT, { flags: "a" });
    proc.child?.stdout?.on("data", (chunk: Buffer) => out.write(chunk));
    proc.child?.stderr?.on("data", (chunk: Buffer) => out.write(chunk));
    proc.child?.once("close", () => out.end());
  }
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(
      async () => {
        if (proc.child?.exitCode !== null) throw new Error(`${name} exited:\n${proc.lines.join("\n")}`);
        return fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        );
      },
      120_000,
      `${name} answering /health`,
    );
  } catch (error) {
    await proc.stop(2_000);
    throw error;
  }
  return { url: `${base}/graphql`, process: proc };
}

function backbeat(mode: "pull" | "push"): SystemFactory {
  return {
    name: `backbeat ${mode}`,
    kind: "backbeat",
    unavailable: () => null,
    start: async (infra: Infra, shape: Shape): Promise<System> => {
      // One per deployment: scenarios of another shape may still be running on the other one.
      const database = `bench_backbeat_${mode}_${shape.servers}x${shape.workers}`;
      const databaseUrl = await infra.postgres.createDatabase(database);
      const servers: { url: string; process: Tracked }[] = [];
      const stopServers = () => Promise.all(servers.map((s) => s.process.stop(15_000)));
      try {
        // One after the other: the first one applies the migrations.
        for (let i = 0; i < shape.servers; i++)
          servers.push(await startServer(`backbeat server ${i + 1}`, databaseUrl));
        const admin = new BackbeatClient({ url: servers[0]!.url, token: ADMIN_TOKEN });
        const pushPort = mode === "push" ? await freePort() : 0;
        const endpoint = `http://127.0.0.1:${pushPort}/`;
        const credentials = await admin.createClient({
          name: `bench ${mode}`,
          ...(mode === "push" ? { activityEndpoint: endpoint, notificationEndpoint: endpoint } : {}),
        });
        const clients = servers.map((s) => new BackbeatClient({ url: s.url, token: credentials.token }));
        // Push: one endpoint (the server decides how many nodes are in flight). Pull: worker i on server i.
        const workerCount = mode === "push" ? 1 : shape.workers;
        const envs = Array.from({ length: workerCount }, (_, i) => ({
          BENCH_URL: servers[i % servers.length]!.url,
          BENCH_TOKEN: credentials.token,
          BENCH_MODE: mode,
          BENCH_CONCURRENCY: String(infra.concurrency),
          BENCH_PORT: String(pushPort),
          BENCH_SECRET: credentials.signingSecret,
        }));
        const workers = await startWorkers(`backbeat ${mode}`, "backbeat-worker.ts", envs);
        return {
          name: `backbeat ${mode}`,
          database,
          serverPids: () => servers.map((s) => s.process.pid),
          workers,
          prepare: async (work: Work, via = 0) => {
            const client = clients[via % clients.length]!;
            const workflow = await client.createWorkflow({ name: work.kind, subject: { key: work.key } });
            const signal = (name: string, clientData: Record<string, string | number>) =>
              client.signalWorkflow(workflow.id, { name, clientData });
            return async () => {
              await signal(work.kind, { key: work.key, n: work.n });
              // The workflow's next signal starts once the first one is complete, children included: the fan-in.
              if (work.kind !== "single") await signal("done", { key: work.key });
            };
          },
          stop: async () => {
            await workers.stop();
            await stopServers();
          },
        };
      } catch (error) {
        await stopServers();
        throw error;
      }
    },
  };
}

export const backbeatPull = backbeat("pull");
export const backbeatPush = backbeat("push");
