// The folder where root keeps what the `postgres` OS user must reach when the checkout is out of its
// reach (a checkout under /root, a `mktemp -d` folder): /var/lib/backbeat, owned by root and writable
// by root only, that every user may traverse. Not /var/tmp: its files are deleted after some days unused,
// and a database's files may well go unused that long.
import { chmodSync, lstatSync, mkdirSync } from "node:fs";
import { EmbeddedPostgresError, USE_DATABASE_URL } from "./embedded-postgres-error.ts";

export const SHARED_FOLDER = "/var/lib/backbeat";

/** Creates the folder if needed and checks that nobody but root can have changed what is in it. */
export function sharedFolder(): string {
  try {
    mkdirSync(SHARED_FOLDER, { recursive: true, mode: 0o755 });
    const stat = lstatSync(SHARED_FOLDER);
    if (!stat.isDirectory() || stat.uid !== 0) {
      throw new Error("it exists but is not a folder owned by root");
    }
    if ((stat.mode & 0o777) !== 0o755) chmodSync(SHARED_FOLDER, 0o755);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL (run as the OS user "postgres") cannot reach this checkout, and ${SHARED_FOLDER} cannot hold a copy (${why}): move the checkout to a folder every user can traverse, or ${USE_DATABASE_URL}`,
    );
  }
  return SHARED_FOLDER;
}
