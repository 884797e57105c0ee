// The two status machines of a node (reference §3.1–§3.2), as data.

export const SERVER_STATUSES = [
  "pending",
  "ready",
  "started",
  "sent_to_client",
  "processing_children",
  "complete",
  "errored",
  "deactivated",
  "retrying",
  "retries_exhausted",
  "paused",
] as const;
export type ServerStatus = (typeof SERVER_STATUSES)[number];

export const CLIENT_STATUSES = [
  "pending",
  "ready",
  "received",
  "processing",
  "complete",
  "errored",
  "resolved",
  "shutdown",
] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

export type StatusType = "server" | "client";

/** Server status: from → allowed targets (reference §3.2, exact). */
export const SERVER_TRANSITIONS: Readonly<Record<ServerStatus, readonly ServerStatus[]>> = {
  pending: ["ready", "deactivated", "errored"],
  ready: ["started", "deactivated", "errored"],
  started: ["sent_to_client", "paused", "deactivated", "errored"],
  sent_to_client: ["processing_children", "retrying", "retries_exhausted", "deactivated", "errored"],
  processing_children: ["complete", "deactivated", "errored"],
  complete: ["deactivated"],
  paused: ["started", "deactivated", "errored"],
  errored: ["ready", "deactivated", "errored"],
  retrying: ["ready", "deactivated", "errored"],
  retries_exhausted: ["ready", "deactivated", "errored", "processing_children"],
  deactivated: ["deactivated"],
};

/**
 * Client status: from → allowed targets (reference §3.2). `resolved` and `shutdown` are terminal:
 * the original had no entry for them and crashed; we refuse with a conflict (PRODUCT.md #4).
 */
export const CLIENT_TRANSITIONS: Readonly<Record<ClientStatus, readonly ClientStatus[]>> = {
  pending: ["ready", "errored"],
  ready: ["received", "errored"],
  received: ["processing", "complete", "errored"],
  processing: ["complete", "errored"],
  errored: ["ready", "errored", "resolved", "shutdown"],
  complete: ["complete"],
  resolved: [],
  shutdown: [],
};

export function canTransitionServer(from: ServerStatus, to: ServerStatus): boolean {
  return SERVER_TRANSITIONS[from].includes(to);
}

export function canTransitionClient(from: ClientStatus, to: ClientStatus): boolean {
  return CLIENT_TRANSITIONS[from].includes(to);
}

export function isServerStatus(value: string): value is ServerStatus {
  return (SERVER_STATUSES as readonly string[]).includes(value);
}

export function isClientStatus(value: string): value is ClientStatus {
  return (CLIENT_STATUSES as readonly string[]).includes(value);
}
