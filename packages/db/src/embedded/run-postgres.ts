// Runs the PostgreSQL server on an initialised data folder, as `user` (null: as ourselves), as a child
// of this process. Resolves once it accepts connections; rejects with its own FATAL line (port taken,
// data folder locked by another server, ...) when it stops before that.
import { spawn } from "node:child_process";
import path from "node:path";
import { EmbeddedPostgresError } from "./embedded-postgres-error.ts";
import type { OsUser } from "./postgres-os-user.ts";
import { failureLine } from "./process-output.ts";

const READY = "database system is ready to accept connections";

export type RunningPostgres = { stop: () => Promise<void> };

export async function runPostgres(
  binDir: string,
  dataDir: string,
  port: number,
  flags: string[],
  user: OsUser | null,
): Promise<RunningPostgres> {
  const child = spawn(path.join(binDir, "postgres"), ["-D", dataDir, "-p", String(port), ...flags], {
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    cwd: path.dirname(dataDir),
    env: { ...process.env, LC_MESSAGES: "C" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // However this process ends (an uncaught exception, process.exit), PostgreSQL does not outlive it:
  // SIGINT is its "fast" shutdown, which it completes on its own.
  const stopOnExit = () => child.kill("SIGINT");
  process.on("exit", stopOnExit);

  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(READY)) {
        child.stderr.off("data", onData);
        // Keep reading (and dropping) its log, or it would block on a full pipe.
        child.stderr.resume();
        resolve();
      }
    };
    child.stderr.on("data", onData);
    child.once("error", (error) => {
      process.off("exit", stopOnExit);
      reject(new EmbeddedPostgresError(`cannot run PostgreSQL for ${dataDir}: ${error.message}`));
    });
    // "close", not "exit": its last lines of output are read by then.
    child.once("close", () => {
      process.off("exit", stopOnExit);
      reject(new EmbeddedPostgresError(`PostgreSQL (port ${port}, ${dataDir}) stopped: ${failureLine(output)}`));
    });
  });

  return {
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      await exited;
      process.off("exit", stopOnExit);
    },
  };
}
