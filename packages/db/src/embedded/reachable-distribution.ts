// PostgreSQL's binaries where the `postgres` OS user can execute them. In node_modules when it can reach
// them there; otherwise (root in a folder other users cannot traverse) in a copy made once per version in
// the shared folder. The copy is checked on every start against the version and the files it was made
// with (count and bytes), so a copy left half-made or partly deleted is made again.
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { canReach } from "./can-reach.ts";
import { EmbeddedPostgresError, USE_DATABASE_URL } from "./embedded-postgres-error.ts";
import type { PostgresDistribution } from "./postgres-distribution.ts";
import type { OsUser } from "./postgres-os-user.ts";
import { sharedFolder } from "./shared-folder.ts";

const MARKER = ".backbeat-copy";

/** "<files> files, <bytes> bytes": what the copy must still hold. */
function fingerprint(dir: string): string {
  let files = 0;
  let bytes = 0;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === MARKER) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        files++;
        bytes += lstatSync(full).size;
      }
    }
  };
  walk(dir);
  return `${files} files, ${bytes} bytes`;
}

function isIntactCopy(copy: string, expected: string): boolean {
  try {
    const stat = lstatSync(copy);
    if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) return false;
    return readFileSync(path.join(copy, MARKER), "utf8") === expected && fingerprint(copy) === expected.split("\n")[1];
  } catch {
    return false;
  }
}

function makeCopy(distribution: PostgresDistribution, copy: string, expected: string): void {
  // Made aside and renamed into place: several processes may start at once, and none sees half a copy.
  const temporary = `${copy}.tmp-${process.pid}`;
  rmSync(temporary, { recursive: true, force: true });
  cpSync(distribution.dir, temporary, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  writeFileSync(path.join(temporary, MARKER), expected);
  if (existsSync(copy) && !isIntactCopy(copy, expected)) rmSync(copy, { recursive: true, force: true });
  try {
    renameSync(temporary, copy);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    // Another process put its copy in place first.
    if (!isIntactCopy(copy, expected)) throw error;
  }
}

/** The folder holding bin/, lib/ and share/ to run PostgreSQL from. */
export function reachableDistribution(distribution: PostgresDistribution, user: OsUser | null): string {
  if (!user || canReach(path.join(distribution.dir, "bin", "postgres"), user)) return distribution.dir;
  const copy = path.join(sharedFolder(), `pg-${distribution.version}`);
  const expected = `${distribution.version}\n${fingerprint(distribution.dir)}`;
  try {
    if (!isIntactCopy(copy, expected)) makeCopy(distribution, copy, expected);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new EmbeddedPostgresError(`cannot copy PostgreSQL's binaries to ${copy} (${why}): ${USE_DATABASE_URL}`);
  }
  if (!canReach(path.join(copy, "bin", "postgres"), user)) {
    throw new EmbeddedPostgresError(`the OS user "${user.name}" cannot run ${copy}/bin/postgres: ${USE_DATABASE_URL}`);
  }
  return copy;
}
