// Typed errors from the API's `extensions.code`, so callers can `instanceof` instead of parsing
// messages. Every failure of the client is a BackbeatError (network faults included).

export type ErrorExtensions = Record<string, unknown>;

export class BackbeatError extends Error {
  override name = "BackbeatError";
  constructor(
    message: string,
    /** extensions.code, or NETWORK_ERROR / BAD_RESPONSE when no GraphQL answer came back. */
    readonly code: string,
    readonly extensions: ErrorExtensions = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Missing or wrong token (HTTP 401). */
export class AuthenticationError extends BackbeatError {
  override name = "AuthenticationError";
}

export class ForbiddenError extends BackbeatError {
  override name = "ForbiddenError";
}

/** Does not exist, or is not visible to this token (the API does not tell the two apart). */
export class NotFoundError extends BackbeatError {
  override name = "NotFoundError";
}

/** BAD_USER_INPUT: malformed input, values out of range, queries over the limits. */
export class ValidationError extends BackbeatError {
  override name = "ValidationError";
}

/** An invalid or stale status change, or a state that refuses the operation. */
export class ConflictError extends BackbeatError {
  override name = "ConflictError";
  readonly currentStatus: string | null;
  readonly attemptedStatus: string | null;
  constructor(message: string, code: string, extensions: ErrorExtensions = {}) {
    super(message, code, extensions);
    this.currentStatus = typeof extensions.currentStatus === "string" ? extensions.currentStatus : null;
    this.attemptedStatus = typeof extensions.attemptedStatus === "string" ? extensions.attemptedStatus : null;
  }
}

/** The typed error for one GraphQL error object. */
export function errorFromGraphql(error: { message?: unknown; extensions?: ErrorExtensions }): BackbeatError {
  const extensions = error.extensions ?? {};
  const code = typeof extensions.code === "string" ? extensions.code : "INTERNAL_SERVER_ERROR";
  const message = typeof error.message === "string" ? error.message : code;
  switch (code) {
    case "UNAUTHENTICATED":
      return new AuthenticationError(message, code, extensions);
    case "FORBIDDEN":
      return new ForbiddenError(message, code, extensions);
    case "NOT_FOUND":
      return new NotFoundError(message, code, extensions);
    case "BAD_USER_INPUT":
      return new ValidationError(message, code, extensions);
    case "CONFLICT":
      return new ConflictError(message, code, extensions);
    default:
      return new BackbeatError(message, code, extensions);
  }
}
