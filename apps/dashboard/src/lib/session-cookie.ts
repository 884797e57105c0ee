// Shared by the proxy (which must not import next/headers helpers) and session.ts.

/** httpOnly cookie holding the operator's session token (or the admin token); never readable by browser JS. */
export const SESSION_COOKIE = "backbeat_session";
