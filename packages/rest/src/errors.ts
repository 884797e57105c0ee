// The one map from an error to the original's status codes and bodies (reference §8): 400 bad input
// (and a signal to a completed workflow), 401 {"error":"Unauthorized"}, 404 not found, 409 an invalid
// or stale status change with currentStatus/attemptedStatus, 500 for anything else, without details.
import {
  BackbeatError,
  BadInputError,
  ConflictError,
  InvalidTransitionError,
  NotFoundError,
  StaleTransitionError,
  WorkflowCompleteError,
} from "@backbeat/core";
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

/** Null: a genuine fault (logged by the caller, answered as INTERNAL_ERROR). */
export function restErrorOf(error: unknown): RestError | null {
  const body = (e: Error) => ({ errorClass: e.name, message: e.message });
  if (error instanceof UnauthorizedError) return { status: 401, body: { error: "Unauthorized" } };
  if (error instanceof WorkflowCompleteError || error instanceof BadInputError)
    return { status: 400, body: body(error) };
  if (error instanceof NotFoundError) return { status: 404, body: body(error) };
  if (
    error instanceof InvalidTransitionError ||
    error instanceof StaleTransitionError ||
    error instanceof ConflictError
  ) {
    const statuses = { currentStatus: error.currentStatus ?? null, attemptedStatus: error.attemptedStatus ?? null };
    return { status: 409, body: { ...body(error), ...statuses } };
  }
  // Other domain errors (a stale attempt): a conflict without statuses.
  if (error instanceof BackbeatError)
    return { status: 409, body: { ...body(error), currentStatus: null, attemptedStatus: null } };
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
