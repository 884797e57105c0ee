// Operator session tokens: 32 random bytes (base64url) behind a recognisable prefix. Only their
// SHA-256 is stored, so a copy of the database does not let anyone sign in.
import { createHash, randomBytes } from "node:crypto";

export const SESSION_TOKEN_PREFIX = "bbs_";

export function newSessionToken(): string {
  return `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function sha256(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
