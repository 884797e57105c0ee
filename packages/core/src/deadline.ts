// The client deadline (reference §5.4): now + client_data.timeout seconds, else the server default.

export function completeByFor(clientData: unknown, defaultTimeoutSeconds: number | null, now: Date): Date | null {
  const isObject = typeof clientData === "object" && clientData !== null && !Array.isArray(clientData);
  return completeByForTimeout(
    isObject ? (clientData as Record<string, unknown>).timeout : null,
    defaultTimeoutSeconds,
    now,
  );
}

/** The same from client_data.timeout alone (a pass reads just that field of the children it starts). */
export function completeByForTimeout(timeout: unknown, defaultTimeoutSeconds: number | null, now: Date): Date | null {
  const seconds =
    typeof timeout === "number" && Number.isFinite(timeout) && timeout >= 0 ? timeout : defaultTimeoutSeconds;
  return seconds === null ? null : new Date(now.getTime() + seconds * 1000);
}

export const DEADLINE_EXPIRED_ERROR = "Client did not respond within the specified 'complete_by' time";
