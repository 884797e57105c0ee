// Who is calling: `Authorization: Bearer <token>` is either the admin token (an operator) or a
// client token (hashed and looked up by the engine). Anything else is UNAUTHENTICATED.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Caller, Engine } from "@backbeat/engine";
import { UnauthenticatedError } from "./errors.ts";

/** The operator name the admin token acts as; it is what the audit log records as the actor. */
export const ADMIN_OPERATOR = "admin";

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;
/** Longer tokens are refused without a lookup (ours are 43 characters). */
const MAX_TOKEN_LENGTH = 512;

export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = BEARER.exec(header);
  return match?.[1] ?? null;
}

// Compare digests, not the tokens: equal lengths for timingSafeEqual, and the time taken says
// nothing about how much of the admin token a guess got right.
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export type Authenticator = (authorization: string | undefined | null) => Promise<Caller>;

export function createAuthenticator(engine: Engine, adminToken: string | null): Authenticator {
  return async (authorization) => {
    const token = bearerToken(authorization);
    if (!token || token.length > MAX_TOKEN_LENGTH) throw new UnauthenticatedError();
    if (adminToken && sameSecret(token, adminToken)) return { kind: "operator", name: ADMIN_OPERATOR };
    const client = await engine.authenticate(token);
    if (!client) throw new UnauthenticatedError();
    return { kind: "client", clientId: client.id };
  };
}
