// Who is calling: `Authorization: Bearer <token>` is the admin token (the built-in ADMIN), an
// operator session token ("bbs_…", looked up by its SHA-256, an admin session by its HMAC keyed
// with the admin token; valid until it expires on the engine's clock) or a client token (hashed
// and looked up by the engine). Anything else is UNAUTHENTICATED.
import { createHash, timingSafeEqual } from "node:crypto";
import { findOperatorSession } from "@backbeat/db";
import type { Engine } from "@backbeat/engine";
import type { Identity, OperatorPrincipal } from "./context.ts";
import { UnauthenticatedError } from "./errors.ts";
import { adminSessionHash, SESSION_TOKEN_PREFIX, sha256 } from "./operator/session-token.ts";

/** The operator name the admin token acts as; it is what the audit log records as the actor. */
export const ADMIN_OPERATOR = "admin";

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;
/** Longer tokens are refused without a lookup (ours are 43 characters, sessions 47). */
const MAX_TOKEN_LENGTH = 512;

/** When this process started: the built-in admin's createdAt. */
const STARTED_AT = new Date();

export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = BEARER.exec(header);
  return match?.[1] ?? null;
}

// Compare digests, not the tokens: equal lengths for timingSafeEqual, and the time taken says
// nothing about how much of the admin token a guess got right.
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function builtInAdmin(sessionHash: string | null, createdAt: Date = STARTED_AT): OperatorPrincipal {
  return { id: ADMIN_OPERATOR, login: ADMIN_OPERATOR, role: "admin", createdAt, sessionHash };
}

export type Authenticator = (authorization: string | undefined | null) => Promise<Identity>;

export function createAuthenticator(engine: Engine, adminToken: string | null): Authenticator {
  return async (authorization) => {
    const token = bearerToken(authorization);
    if (!token || token.length > MAX_TOKEN_LENGTH) throw new UnauthenticatedError();
    if (adminToken && sameSecret(token, adminToken)) return { kind: "operator", operator: builtInAdmin(null) };
    if (token.startsWith(SESSION_TOKEN_PREFIX)) {
      const now = engine.context.clock.now();
      let hash = sha256(token);
      let session = await findOperatorSession(engine.sql, hash, now);
      // Admin sessions are stored under a hash keyed by the admin token (session-token.ts).
      if (session?.operatorId === null) session = null;
      if (!session && adminToken) {
        hash = adminSessionHash(token, adminToken);
        session = await findOperatorSession(engine.sql, hash, now);
        if (session?.operatorId !== null) session = null;
      }
      if (!session) throw new UnauthenticatedError("Session expired or signed out: sign in again");
      const operator: OperatorPrincipal =
        session.operatorId === null
          ? builtInAdmin(hash)
          : {
              id: session.operatorId,
              login: session.login,
              role: session.role,
              createdAt: session.operatorCreatedAt ?? STARTED_AT,
              sessionHash: hash,
            };
      return { kind: "operator", operator };
    }
    const client = await engine.authenticate(token);
    if (!client) throw new UnauthenticatedError();
    return { kind: "client", clientId: client.id };
  };
}
