// Creates a new cluster in `dataDir` with initdb, as `user` (null: as ourselves), with password
// authentication for the `postgres` role.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EmbeddedPostgresError } from "./embedded-postgres-error.ts";
import type { OsUser } from "./postgres-os-user.ts";
import { failureLine } from "./process-output.ts";

export async function runInitdb(binDir: string, dataDir: string, password: string, user: OsUser | null): Promise<void> {
  const parent = path.dirname(dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Beside the data folder, where the user is known to reach it; read once by initdb, then deleted.
  const passwordFile = path.join(parent, `.pg-password-${randomBytes(6).toString("hex")}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user) {
    chownSync(dataDir, user.uid, user.gid);
    chownSync(passwordFile, user.uid, user.gid);
  }
  const args = [`--pgdata=${dataDir}`, "--auth=password", "--username=postgres", `--pwfile=${passwordFile}`];
  try {
    await new Promise<void>((resolve, reject) => {
      // English messages whatever the machine's locale: run-postgres.ts reads them.
      const child = spawn(path.join(binDir, "initdb"), [...args, "--lc-messages=C"], {
        ...(user ? { uid: user.uid, gid: user.gid } : {}),
        cwd: parent,
        env: { ...process.env, LC_MESSAGES: "C" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("error", (error) =>
        reject(new EmbeddedPostgresError(`cannot run initdb for ${dataDir}: ${error.message}`)),
      );
      child.on("close", (code) =>
        code === 0
          ? resolve()
          : reject(new EmbeddedPostgresError(`initdb failed for ${dataDir}: ${failureLine(output)}`)),
      );
    });
  } finally {
    rmSync(passwordFile, { force: true });
  }
}
