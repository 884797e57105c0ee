// A child process of `pnpm start`: its output goes to the console line by line with a prefix, and it is
// stopped on request (SIGTERM, then SIGKILL after a grace period). Children run in their own process group,
// so that Ctrl-C reaches only the start script, which stops them one by one in the right order.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export type Child = {
  name: string;
  process: ChildProcess;
  /** The exit code, or the signal's name. */
  exited: Promise<number | string>;
  stop: (graceMs?: number) => Promise<void>;
};

export type ChildOptions = {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Printed before each output line. */
  prefix: string;
  onLine?: (line: string) => void;
};

export function startChild(name: string, command: string, args: string[], options: ChildOptions): Child {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      process.stdout.write(`${options.prefix}${line}\n`);
      options.onLine?.(line);
    });
  }
  // "close", not "exit": its output has been read to the end by then.
  const exited = new Promise<number | string>((resolve) =>
    child.on("close", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  child.on("error", (error) => process.stdout.write(`${options.prefix}cannot start: ${error.message}\n`));
  const running = () => child.exitCode === null && child.signalCode === null;

  const stop = async (graceMs = 30_000) => {
    if (!running()) return void (await exited);
    child.kill("SIGTERM");
    const timer = setTimeout(() => {
      process.stdout.write(`${options.prefix}did not stop within ${graceMs / 1000} s: killed\n`);
      // The whole group: what the child started goes too.
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { name, process: child, exited, stop };
}
