// The rules read from a node's statuses, each named once. The engine, the API and the SQL (through
// db's status-sql.ts) all use these; status-rules.test.ts fails when a status is added to the tables
// without being classified here.
import type { ClientStatus, ServerStatus } from "./statuses.ts";

type Statuses = { serverStatus: string; clientStatus: string };

/** A node in one of these takes no more part: passes skip it and nothing waits for it. */
export const FINISHED_SERVER_STATUSES = ["complete", "deactivated"] as const satisfies readonly ServerStatus[];

/** Waiting for its client on the current attempt: sent to it and acknowledged or being worked on. */
export const AWAITING_CLIENT_SERVER_STATUS = "sent_to_client" satisfies ServerStatus;
export const AWAITING_CLIENT_CLIENT_STATUSES = ["received", "processing"] as const satisfies readonly ClientStatus[];

/** What restartNode accepts: a node that failed (or whose parent failed) and is not running. */
export const RESTARTABLE_SERVER_STATUSES = [
  "errored",
  "retrying",
  "retries_exhausted",
  "pending",
] as const satisfies readonly ServerStatus[];
export const RESTARTABLE_CLIENT_STATUSES = ["errored", "pending"] as const satisfies readonly ClientStatus[];

/** Server statuses that mean "failed and needs an operator" (listed first wherever counts are shown). */
export const FAILED_SERVER_STATUSES = ["errored", "retries_exhausted"] as const satisfies readonly ServerStatus[];
/** The client status that means its client reported a failure. */
export const FAILED_CLIENT_STATUS = "errored" satisfies ClientStatus;

/** Server statuses a node reaches only after a failure: retried later, or waiting for an operator. */
export const AFTER_FAILURE_SERVER_STATUSES = [
  "retrying",
  ...FAILED_SERVER_STATUSES,
] as const satisfies readonly ServerStatus[];

const has = (list: readonly string[], status: string) => list.includes(status);

export function isFinished(serverStatus: string): boolean {
  return has(FINISHED_SERVER_STATUSES, serverStatus);
}

/** Still waiting for its client (received or processing): a deadline runs, a pull claim holds. */
export function isAwaitingClient(node: Statuses): boolean {
  return node.serverStatus === AWAITING_CLIENT_SERVER_STATUS && has(AWAITING_CLIENT_CLIENT_STATUSES, node.clientStatus);
}

/** Waiting for its client on this very attempt: what a delivery, a job or a pull claim of `attempt` acts on. */
export function isAwaitingClientOnAttempt(node: Statuses & { attempt: number }, attempt: number): boolean {
  return node.attempt === attempt && isAwaitingClient(node);
}

/**
 * A change to an awaiting status (a send; PROCESSING): it cannot end a wait for the client. A new
 * attempt is sent only from client status ready, so a change away from waiting, with its own audit
 * row, always comes before it: whoever holds a node while it waits (a pull claim) can skip these rows.
 */
export function keepsAwaitingClient(statusType: "server" | "client", toStatus: string): boolean {
  return statusType === "server"
    ? toStatus === AWAITING_CLIENT_SERVER_STATUS
    : has(AWAITING_CLIENT_CLIENT_STATUSES, toStatus);
}

/** Sent on this attempt and not acknowledged yet: a push delivery of `attempt` still has to go out. */
export function isAwaitingDelivery(node: Statuses & { attempt: number }, attempt: number): boolean {
  return isAwaitingClientOnAttempt(node, attempt) && node.clientStatus === "received";
}

export function isRestartable(node: Statuses): boolean {
  return has(RESTARTABLE_SERVER_STATUSES, node.serverStatus) && has(RESTARTABLE_CLIENT_STATUSES, node.clientStatus);
}

/** Failed: restartable, and either the server gave up on it or its client reported an error (bulk retry/cancel). */
export function isFailed(node: Statuses): boolean {
  return (
    isRestartable(node) &&
    (has(FAILED_SERVER_STATUSES, node.serverStatus) || node.clientStatus === FAILED_CLIENT_STATUS)
  );
}

/** errored or retries_exhausted: failed, and only an operator moves it on. */
export function isFailedServerStatus(serverStatus: string): boolean {
  return has(FAILED_SERVER_STATUSES, serverStatus);
}

/** Has a failure behind it (retrying, errored, retries_exhausted): its last error is worth showing. */
export function hasFailedBefore(serverStatus: string): boolean {
  return has(AFTER_FAILURE_SERVER_STATUSES, serverStatus);
}

/**
 * Outbound calls: the lease must outlast the request by this margin, which covers settling the
 * call after the answer (max(1 s, a tenth of the lease)).
 */
export function leaseMarginMs(leaseMs: number): number {
  return Math.max(1_000, leaseMs / 10);
}

/** A failed notification is sent again after 5 s, doubling per try, at most 10 min apart. */
export function notificationRetryDelayMs(triesSoFar: number): number {
  return Math.min(5_000 * 2 ** (triesSoFar - 1), 600_000);
}
