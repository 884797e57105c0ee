// Domain errors. Each carries a stable code that transports map to their own vocabulary
// (GraphQL extensions.code) in one place.

export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "TOO_MANY_ATTEMPTS"
  | "DATABASE_UNAVAILABLE";

export abstract class BackbeatError extends Error {
  abstract readonly code: ErrorCode;
}

/** Malformed input: nothing was changed. */
export class BadInputError extends BackbeatError {
  readonly code = "BAD_USER_INPUT";
  override name = "BadInputError";
}

export class NotFoundError extends BackbeatError {
  readonly code = "NOT_FOUND";
  override name = "NotFoundError";
  constructor(what: string, id: string) {
    super(`${what} ${id} not found`);
  }
}

/** A status change the transition table forbids (or a state that forbids the operation). */
export class InvalidTransitionError extends BackbeatError {
  readonly code = "CONFLICT";
  override name = "InvalidTransitionError";
  constructor(
    readonly statusType: "server" | "client",
    readonly currentStatus: string,
    readonly attemptedStatus: string,
    message?: string,
  ) {
    super(message ?? `Cannot change ${statusType} status from ${currentStatus} to ${attemptedStatus}`);
  }
}

/** The statuses changed between read and write: another actor got there first. */
export class StaleTransitionError extends BackbeatError {
  readonly code = "CONFLICT";
  override name = "StaleTransitionError";
  constructor(
    readonly nodeId: string,
    readonly currentStatus: string,
    readonly attemptedStatus: string,
  ) {
    super(`Node ${nodeId} changed concurrently (now ${currentStatus}); ${attemptedStatus} was not applied`);
  }
}

/**
 * A report about an attempt that is over: the node was sent again since (a retry, a restart), so what the
 * worker of the old attempt says no longer applies to it.
 */
export class StaleAttemptError extends BackbeatError {
  readonly code = "CONFLICT";
  override name = "StaleAttemptError";
  constructor(
    readonly nodeId: string,
    readonly currentAttempt: number,
    readonly reportedAttempt: number,
  ) {
    super(
      `Attempt ${reportedAttempt} of node ${nodeId} is over (the node is on attempt ${currentAttempt}): nothing was changed`,
    );
  }
}

/** An operation that the current state refuses (e.g. signalling a completed workflow). */
export class ConflictError extends BackbeatError {
  readonly code = "CONFLICT";
  override name = "ConflictError";
  constructor(
    message: string,
    readonly currentStatus?: string,
    readonly attemptedStatus?: string,
  ) {
    super(message);
  }
}

/** A signal to a completed workflow (the original's Backbeat::WorkflowComplete; REST answers 400). */
export class WorkflowCompleteError extends ConflictError {
  override name = "WorkflowCompleteError";
  constructor(workflowId: string) {
    super(`Workflow ${workflowId} is complete: it takes no more signals`);
  }
}

/**
 * The database could not be reached (restarting, failing over, connections cut). Nothing was
 * changed, unless `outcomeUnknown`: the connection died after COMMIT was sent. Safe to retry later.
 */
export class DatabaseUnavailableError extends BackbeatError {
  readonly code = "DATABASE_UNAVAILABLE";
  override name = "DatabaseUnavailableError";
  constructor(
    readonly outcomeUnknown = false,
    options?: { cause?: unknown },
  ) {
    super(
      outcomeUnknown
        ? "The database connection was lost while committing: the change may or may not have been made"
        : "The database is unavailable: nothing was changed, try again shortly",
      options,
    );
  }
}
