// A test run killed with SIGKILL leaves its embedded PostgreSQL running and its data folder
// (/tmp/backbeat-test-pg-<pid of the run>) behind. The next run stops those whose run is gone
// (PostgreSQL's "immediate" shutdown: nothing in them is worth keeping) and deletes their folders.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

export const TEST_PG_PREFIX = "backbeat-test-pg-";

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The postmaster's pid from its lock file, or null when there is none. */
function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function stopPostmaster(pid: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  try {
    process.kill(pid, "SIGQUIT");
  } catch {
    return;
  }
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
}

/** Cleans what dead test runs left in `dir`; returns the folders removed. */
export async function cleanStaleTestDatabases(dir = "/tmp"): Promise<string[]> {
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(TEST_PG_PREFIX)) continue;
    const owner = Number(name.slice(TEST_PG_PREFIX.length));
    if (!Number.isInteger(owner) || owner === process.pid || isAlive(owner)) continue;
    const dataDir = path.join(dir, name);
    const postmaster = postmasterPid(dataDir);
    if (postmaster !== null && isAlive(postmaster)) await stopPostmaster(postmaster);
    rmSync(dataDir, { recursive: true, force: true });
    removed.push(dataDir);
  }
  return removed;
}
