// Operator session tokens: 32 random bytes (base64url) behind a recognisable prefix. Only their
// SHA-256 is stored, so a copy of the database does not let anyone sign in.
import { createHash, createHmac, randomBytes } from "node:crypto";

export const SESSION_TOKEN_PREFIX = "bbs_";

export function newSessionToken(): string {
  return `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function sha256(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * What an admin session (signIn as "admin") is stored under: keyed by the admin token, so changing
 * or removing the admin token also ends every session signed in with it.
 */
export function adminSessionHash(token: string, adminToken: string): string {
  return createHmac("sha256", adminToken).update(token).digest("hex");
}
