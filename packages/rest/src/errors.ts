// The one map from an error to the original's status codes and bodies (reference §8): 400 bad input
// (and a signal to a completed workflow), 401 {"error":"Unauthorized"}, 404 not found, 409 an invalid
// or stale status change with currentStatus/attemptedStatus, 503 the database is unavailable, 500
// for anything else, without details.
import {
  BackbeatError,
  ConflictError,
  DatabaseUnavailableError,
  InvalidTransitionError,
  StaleTransitionError,
  WorkflowCompleteError,
} from "@backbeat/core";
import { isConnectionError } from "@backbeat/db";
import type { ErrorRequestHandler } from "express";

export class UnauthorizedError extends Error {
  override name = "UnauthorizedError";
}

export type RestError = { status: number; body: Record<string, unknown> };

export const INTERNAL_ERROR: RestError = {
  status: 500,
  body: { errorClass: "InternalServerError", message: "Internal server error" },
};

/** What express's JSON parser throws: a client's mistake, with its own status (400, 413, 415). */
function parserStatus(error: unknown): number | null {
  const e = error as { type?: unknown; status?: unknown };
  if (typeof e?.type !== "string" || (!e.type.startsWith("entity.") && e.type !== "charset.unsupported")) return null;
  return typeof e.status === "number" && e.status >= 400 && e.status < 500 ? e.status : 400;
}

/** Each domain error code's status; a code added later falls back to 500 until it is listed here. */
const STATUS_OF_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_ATTEMPTS: 429,
  // The database is down or failing over: nothing was changed, try again later.
  DATABASE_UNAVAILABLE: 503,
};

/** Null: a genuine fault (logged by the caller, answered as INTERNAL_ERROR). */
export function restErrorOf(error: unknown): RestError | null {
  // A driver error from a statement outside the engine's own mapping: the connection was cut.
  if (isConnectionError(error) && !(error instanceof BackbeatError)) {
    return restErrorOf(new DatabaseUnavailableError(false, { cause: error }));
  }
  const body = (e: Error) => ({ errorClass: e.name, message: e.message });
  if (error instanceof UnauthorizedError) return { status: 401, body: { error: "Unauthorized" } };
  // The original's Backbeat::WorkflowComplete: backbeat_ruby users rescue it as a validation error.
  if (error instanceof WorkflowCompleteError) return { status: 400, body: body(error) };
  if (
    error instanceof InvalidTransitionError ||
    error instanceof StaleTransitionError ||
    error instanceof ConflictError
  ) {
    const statuses = { currentStatus: error.currentStatus ?? null, attemptedStatus: error.attemptedStatus ?? null };
    return { status: 409, body: { ...body(error), ...statuses } };
  }
  if (error instanceof BackbeatError) {
    const status = STATUS_OF_CODE[error.code as string];
    if (status === 401) return { status, body: { error: "Unauthorized" } };
    if (status === 409) return { status, body: { ...body(error), currentStatus: null, attemptedStatus: null } };
    if (status !== undefined) return { status, body: body(error) };
    return null;
  }
  const status = parserStatus(error);
  if (status === 413) return { status, body: { errorClass: "BadRequest", message: "Request body too large" } };
  if (status !== null) return { status, body: { errorClass: "BadRequest", message: "The body is not valid JSON" } };
  return null;
}

export function errorHandler(logError: (error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const mapped = restErrorOf(error);
    if (!mapped) logError(error);
    const { status, body } = mapped ?? INTERNAL_ERROR;
    res.status(status).json(body);
  };
}
