// The client deadline (reference §5.4): now + client_data.timeout seconds, else the server default.

export function completeByFor(clientData: unknown, defaultTimeoutSeconds: number | null, now: Date): Date | null {
  const timeout = clientTimeoutSeconds(clientData) ?? defaultTimeoutSeconds;
  return timeout === null ? null : new Date(now.getTime() + timeout * 1000);
}

function clientTimeoutSeconds(clientData: unknown): number | null {
  if (typeof clientData !== "object" || clientData === null || Array.isArray(clientData)) return null;
  const timeout = (clientData as Record<string, unknown>).timeout;
  return typeof timeout === "number" && Number.isFinite(timeout) && timeout >= 0 ? timeout : null;
}

export const DEADLINE_EXPIRED_ERROR = "Client did not respond within the specified 'complete_by' time";
