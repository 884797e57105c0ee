// What a `pnpm start` killed with SIGKILL (or whose terminal closed) leaves running, found and ended
// by the next start. Each start records its pid and its children's process groups in
// <state dir>/start.pid; a reaper process (a separate session, so no terminal signal reaches it) ends
// those groups as soon as the start process is gone, however it ended.
import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

type Record = { pid: number; groups: number[] };

const STOP_GRACE_MS = 15_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function readRecord(file: string): Record | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record;
  } catch {
    return null;
  }
}

/** SIGTERM to each group, SIGKILL to those still there after the grace period. */
async function endGroups(groups: number[]): Promise<void> {
  const alive = groups.filter(groupAlive);
  for (const g of alive) process.kill(-g, "SIGTERM");
  const deadline = Date.now() + STOP_GRACE_MS;
  while (alive.some(groupAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const g of alive.filter(groupAlive)) process.kill(-g, "SIGKILL");
}

/** The postmaster pid in a data folder's lock file, when that process is running. */
function runningPostmaster(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Ends what the last start left running. Throws (one line) when another start is still running, or
 * when something this start did not record holds the embedded database's folder.
 */
export async function cleanLeftovers(
  stateDir: string,
  dataDir: string | null,
  say: (line: string) => void,
): Promise<void> {
  const file = path.join(stateDir, "start.pid");
  const last = readRecord(file);
  if (last && last.pid !== process.pid && isAlive(last.pid)) {
    throw new Error(`pnpm start is already running on ${stateDir} (pid ${last.pid}): stop it first (kill ${last.pid})`);
  }
  if (last && last.groups.some(groupAlive)) {
    say(`a previous pnpm start (pid ${last.pid}) did not stop its processes: stopping them…`);
    await endGroups(last.groups);
  }
  rmSync(file, { force: true });
  const postmaster = dataDir === null ? null : runningPostmaster(dataDir);
  if (postmaster !== null) {
    throw new Error(
      `PostgreSQL (pid ${postmaster}) is running on ${dataDir}, not started by pnpm start: stop it (kill ${postmaster}) or set BACKBEAT_DATA_DIR`,
    );
  }
}

// The reaper: reads process group ids, one a line, and when its input ends (the start process is
// gone: its end of the pipe closed) ends those groups. Plain JavaScript, so it starts at once.
const REAPER = `
const groups = new Set(); let buf = "";
const alive = (g) => { try { process.kill(-g, 0); return true; } catch { return false; } };
process.stdin.on("data", (d) => { buf += d; const lines = buf.split("\\n"); buf = lines.pop();
  for (const l of lines) if (Number(l) > 0) groups.add(Number(l)); });
process.stdin.on("end", () => {
  for (const g of groups) if (alive(g)) process.kill(-g, "SIGTERM");
  const deadline = Date.now() + ${STOP_GRACE_MS};
  const check = setInterval(() => {
    const left = [...groups].filter(alive);
    if (left.length === 0 || Date.now() > deadline) {
      for (const g of left) process.kill(-g, "SIGKILL");
      clearInterval(check);
    }
  }, 100);
});`;

export type StartRecord = { add: (pgid: number) => void; clear: () => void };

/** Records this start and its children's groups (the file and the reaper); clear() when all stopped. */
export function recordStart(stateDir: string): StartRecord {
  const file = path.join(stateDir, "start.pid");
  const record: Record = { pid: process.pid, groups: [] };
  writeFileSync(file, JSON.stringify(record));
  const reaper = spawn(process.execPath, ["-e", REAPER], { detached: true, stdio: ["pipe", "ignore", "ignore"] });
  reaper.unref();
  reaper.stdin.on("error", () => {});
  return {
    add: (pgid) => {
      record.groups.push(pgid);
      writeFileSync(file, JSON.stringify(record));
      reaper.stdin.write(`${pgid}\n`);
    },
    clear: () => {
      rmSync(file, { force: true });
      reaper.stdin.end();
    },
  };
}
