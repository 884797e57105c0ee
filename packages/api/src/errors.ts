// API-level errors (the domain's are in @backbeat/core) and the one map from any error to what a
// GraphQL client sees: `extensions.code` from a fixed list, and for CONFLICT the current and
// attempted status. Anything unexpected becomes INTERNAL_SERVER_ERROR with a generic message, so no
// stack trace, SQL or internal detail ever leaves the server (it is logged instead).
import {
  BackbeatError,
  ConflictError,
  DatabaseUnavailableError,
  InvalidTransitionError,
  StaleAttemptError,
  StaleTransitionError,
} from "@backbeat/core";
import { isConnectionError } from "@backbeat/db";
import { GraphQLError, type GraphQLFormattedError } from "graphql";

export class UnauthenticatedError extends BackbeatError {
  readonly code = "UNAUTHENTICATED";
  override name = "UnauthenticatedError";
  constructor(message = "Missing or invalid token: send Authorization: Bearer <token>") {
    super(message);
  }
}

export class ForbiddenError extends BackbeatError {
  readonly code = "FORBIDDEN";
  override name = "ForbiddenError";
  constructor(message = "Only operators may do this") {
    super(message);
  }
}

/** Too many failed sign-ins for one login lately: refused before the password is even compared. */
export class TooManyAttemptsError extends BackbeatError {
  readonly code = "TOO_MANY_ATTEMPTS";
  override name = "TooManyAttemptsError";
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(`Too many failed sign-ins for this login: try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}

/** Codes a client may see. */
export const PUBLIC_CODES = [
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "TOO_MANY_ATTEMPTS",
] as const;

/** What graphql-js and Apollo report for a request that is not valid GraphQL for this schema. */
const INPUT_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "PERSISTED_QUERY_NOT_FOUND",
]);

export const INTERNAL_MESSAGE = "Internal server error";

/** The error a resolver threw, under the GraphQLError that graphql-js wrapped it in. */
function originalOf(error: unknown): unknown {
  let e = error;
  while (e instanceof GraphQLError && e.originalError) e = e.originalError;
  return e;
}

/** What a client needs beyond the code: the statuses of a CONFLICT, when to retry a sign-in. */
export function detailExtensions(e: BackbeatError): Record<string, unknown> {
  if (e instanceof TooManyAttemptsError) return { retryAfterSeconds: e.retryAfterSeconds };
  if (e instanceof InvalidTransitionError || e instanceof StaleTransitionError || e instanceof ConflictError) {
    return { currentStatus: e.currentStatus ?? null, attemptedStatus: e.attemptedStatus ?? null };
  }
  if (e instanceof StaleAttemptError) return { currentAttempt: e.currentAttempt, reportedAttempt: e.reportedAttempt };
  return {};
}

export type ErrorLogger = (error: unknown) => void;

/**
 * Apollo's formatError (also used for graphql-ws): `formatted` is what Apollo would send, `error`
 * the thrown value. Locations and path are kept; extensions are rebuilt from scratch.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: ErrorLogger = () => {},
): GraphQLFormattedError {
  const thrown = originalOf(error);
  // A driver error from a statement outside the engine's own mapping (sql.ts, transaction.ts): the
  // connection was cut, which the caller may retry like any other database outage.
  const original = isConnectionError(thrown) ? new DatabaseUnavailableError(false, { cause: thrown }) : thrown;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof BackbeatError) {
    // A database that is away is the operator's to see in the logs, though the caller gets a clear code.
    if (original.code === "DATABASE_UNAVAILABLE") log(original);
    return { ...base, message: original.message, extensions: { code: original.code, ...detailExtensions(original) } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && (PUBLIC_CODES as readonly string[]).includes(code)) {
    return { ...base, extensions: { code } };
  }
  // A GraphQLError without an original error is graphql-js's own verdict on the request (syntax,
  // validation, variable coercion); one with an original error came from inside a resolver.
  const fromRequest =
    typeof code === "string"
      ? INPUT_CODES.has(code)
      : error instanceof GraphQLError && !error.originalError && !formatted.path;
  if (fromRequest) return { ...base, extensions: { code: "BAD_USER_INPUT" } };
  log(original);
  return {
    message: INTERNAL_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}
