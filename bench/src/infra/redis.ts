// Redis for BullMQ: Debian's redis-server on 127.0.0.1, a free port, no persistence (BullMQ's
// usual benchmark setting), started and stopped by the benchmark. Null when redis-server is missing.
import { execFileSync } from "node:child_process";
import { createConnection } from "node:net";
import { freePort } from "./ports.ts";
import { startProcess, type Tracked } from "./processes.ts";

export type BenchRedis = { url: string; host: string; port: number; process: Tracked; stop: () => Promise<void> };

export function redisServerPath(): string | null {
  try {
    return execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

export async function startRedis(timeoutMs = 10_000): Promise<BenchRedis | null> {
  const bin = redisServerPath();
  if (!bin) return null;
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"];
  const proc = startProcess("redis", bin, args);
  const deadline = Date.now() + timeoutMs;
  while (!(await answersPing(port))) {
    if (proc.child?.exitCode !== null || Date.now() > deadline) {
      await proc.stop(1_000);
      throw new Error(`redis-server did not start on port ${port}:\n${proc.lines.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, host: "127.0.0.1", port, process: proc, stop: () => proc.stop(5_000) };
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}
