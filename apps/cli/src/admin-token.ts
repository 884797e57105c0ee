// The admin token of a local installation: BACKBEAT_ADMIN_TOKEN, or one generated once and kept in
// <state dir>/admin-token (mode 600), so that `pnpm start` and `backbeat start` keep the same token across
// restarts and the other commands find it without being told. The state dir is the parent of the embedded
// database's folder (BACKBEAT_DATA_DIR, default .data/pg → .data), resolved as the server resolves it.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const dataDir = path.resolve(env.INIT_CWD ?? process.cwd(), env.BACKBEAT_DATA_DIR || ".data/pg");
  return path.dirname(dataDir);
}

export function adminTokenFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(stateDir(env), "admin-token");
}

/** The token kept in the file, or null when there is none. */
export function readAdminTokenFile(env: NodeJS.ProcessEnv = process.env): string | null {
  try {
    const token = readFileSync(adminTokenFile(env), "utf8").trim();
    return token === "" ? null : token;
  } catch {
    return null;
  }
}

export type AdminToken = { token: string; source: "environment" | "file" | "generated"; file: string };

export function ensureAdminToken(env: NodeJS.ProcessEnv = process.env): AdminToken {
  const file = adminTokenFile(env);
  if (env.BACKBEAT_ADMIN_TOKEN) return { token: env.BACKBEAT_ADMIN_TOKEN, source: "environment", file };
  const kept = readAdminTokenFile(env);
  if (kept) return { token: kept, source: "file", file };
  const token = `bba_${randomBytes(24).toString("base64url")}`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, source: "generated", file };
}
