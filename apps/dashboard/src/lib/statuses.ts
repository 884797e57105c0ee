// How statuses look: a tone (colour) and always the words too. Server statuses come as GraphQL enums
// (ERRORED) or stored names (errored); both work.

export type Tone = "ok" | "bad" | "warn" | "busy" | "idle";

const TONES: Record<string, Tone> = {
  complete: "ok",
  resolved: "ok",
  errored: "bad",
  retries_exhausted: "bad",
  retrying: "warn",
  paused: "warn",
  shutdown: "warn",
  deactivated: "idle",
  pending: "idle",
  ready: "idle",
  started: "busy",
  sent_to_client: "busy",
  received: "busy",
  processing: "busy",
  processing_children: "busy",
};

export function statusTone(status: string): Tone {
  return TONES[status.toLowerCase()] ?? "idle";
}

export function statusLabel(status: string): string {
  return status.toLowerCase().replaceAll("_", " ");
}

/** Errored statuses sort first wherever counts are listed. */
export function isErroredStatus(status: string): boolean {
  const s = status.toLowerCase();
  return s === "errored" || s === "retries_exhausted";
}
