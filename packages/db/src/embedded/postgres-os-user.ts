// PostgreSQL refuses to run as root: when we are root, its processes run as the `postgres` OS user,
// created (as a system user) when the machine has none.
import { execFileSync } from "node:child_process";
import { EmbeddedPostgresError, USE_DATABASE_URL } from "./embedded-postgres-error.ts";

export type OsUser = { name: string; uid: number; gid: number };

const NAME = "postgres";

function lookup(): OsUser | null {
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, NAME], { encoding: "utf8", stdio: "pipe" }).trim());
    return { name: NAME, uid: id("-u"), gid: id("-g") };
  } catch {
    return null;
  }
}

/** The user to run PostgreSQL as; null when this process is not root (it runs as ourselves). */
export function postgresOsUser(): OsUser | null {
  if (process.getuid?.() !== 0) return null;
  const found = lookup();
  if (found) return found;
  try {
    execFileSync("groupadd", ["--force", "--system", NAME], { stdio: "pipe" });
    execFileSync("useradd", ["--system", "--gid", NAME, "--no-create-home", NAME], { stdio: "pipe" });
  } catch (error) {
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new EmbeddedPostgresError(
      `as root, the embedded PostgreSQL runs as the OS user "${NAME}", which could not be created (${why}): create it, or ${USE_DATABASE_URL}`,
    );
  }
  const created = lookup();
  if (!created)
    throw new EmbeddedPostgresError(`the OS user "${NAME}" was created but cannot be found: ${USE_DATABASE_URL}`);
  return created;
}
