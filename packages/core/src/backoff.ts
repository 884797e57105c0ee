// Retry back-off (reference §4.2): interval × U(0.8, 1.2) × 2^max(0, 6 − retriesRemaining),
// with retriesRemaining counted after the decrement.

/** Delay in milliseconds. `random` is a number in [0, 1) (injected so tests can pin it). */
export function retryDelayMs(retryIntervalSeconds: number, retriesRemainingAfter: number, random: number): number {
  const jitter = 0.8 + 0.4 * random;
  const exponent = Math.max(0, 6 - retriesRemainingAfter);
  return Math.round(retryIntervalSeconds * 1000 * jitter * 2 ** exponent);
}

/** Server-side failures: the same event is tried 4 more times, 30 s apart, then the node errors. */
export const SERVER_ERROR_MAX_ATTEMPTS = 5;
export const SERVER_ERROR_RETRY_MS = 30_000;
