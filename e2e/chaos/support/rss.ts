// Resident memory of a process (Linux /proc), for "memory flat" checks of a server process.
import { readFileSync } from "node:fs";

export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : NaN;
}
