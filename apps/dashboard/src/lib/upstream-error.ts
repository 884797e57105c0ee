// What an event-stream relay tells the browser when its upstream graphql-ws subscription ends with an error.

/** A refused token closes the socket with 4403 (signed out: the browser goes to /signin); else a retryable drop. */
export function upstreamErrorEvent(error: unknown): "signed-out" | "failed" | "dropped" {
  if (isCloseEvent(error)) return error.code === 4403 || error.code === 4401 ? "signed-out" : "dropped";
  if (Array.isArray(error)) return "failed";
  return "dropped";
}

export function describeUpstreamError(error: unknown): string {
  if (isCloseEvent(error)) return `connection closed (${error.code}${error.reason ? `: ${error.reason}` : ""})`;
  if (Array.isArray(error)) {
    const first: unknown = error[0];
    return typeof first === "object" && first !== null && "message" in first
      ? String(first.message)
      : "subscription failed";
  }
  return error instanceof Error ? error.message : "connection failed";
}

function isCloseEvent(error: unknown): error is { code: number; reason: string } {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "number" &&
    "reason" in error
  );
}
