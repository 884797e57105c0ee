// Whether an OS user can reach a path: search permission on every folder on the way, and execute
// permission on the path itself (a binary to run, or a folder to enter). Asked of the kernel by running
// `test -x` as that user, exactly as PostgreSQL will be run (Node drops the supplementary groups too).
import { spawnSync } from "node:child_process";
import type { OsUser } from "./postgres-os-user.ts";

export function canReach(target: string, user: OsUser): boolean {
  const probe = spawnSync("test", ["-x", target], { uid: user.uid, gid: user.gid, cwd: "/", stdio: "ignore" });
  return probe.status === 0;
}
