// Stored (lower-case) status names, for the status filters of the searches.

export const SERVER_STATUSES = [
  "pending",
  "ready",
  "started",
  "sent_to_client",
  "processing_children",
  "complete",
  "errored",
  "retrying",
  "retries_exhausted",
  "paused",
  "deactivated",
] as const;

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

/** Every name either status may take, once each. */
export const ALL_STATUSES = [...new Set<string>([...SERVER_STATUSES, ...CLIENT_STATUSES])].sort();
