// One line for any failure: what went wrong, in words, with the API's error code when there is one.
import { AuthenticationError, BackbeatError, ForbiddenError } from "@backbeat/client";
import { CliError, EXIT_FAILURE } from "./cli-error.ts";

export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof AuthenticationError) {
    return { message: `the server refused the token (${error.code}): ${error.message}`, exitCode: EXIT_FAILURE };
  }
  if (error instanceof ForbiddenError) {
    return { message: `this token may not do that (${error.code}): ${error.message}`, exitCode: EXIT_FAILURE };
  }
  if (error instanceof BackbeatError) {
    if (error.code === "NETWORK_ERROR") {
      const why = networkCause(error);
      const message = why ? error.message.replace(/: fetch failed$/, `: ${why}`) : error.message;
      return { message: `${message} (is the server running? see --url)`, exitCode: EXIT_FAILURE };
    }
    return { message: `${error.code}: ${error.message}`, exitCode: EXIT_FAILURE };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: `unexpected error: ${message}`, exitCode: EXIT_FAILURE };
}

/** fetch wraps the socket error (ECONNREFUSED, ENOTFOUND, "bad port") in a TypeError("fetch failed"). */
function networkCause(error: Error): string | null {
  let cause: unknown = error.cause;
  let found: string | null = null;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") return code;
    if (cause.message !== "fetch failed") found = cause.message;
    cause = cause instanceof AggregateError ? cause.errors[0] : cause.cause;
  }
  return found;
}
