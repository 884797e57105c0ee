// Exponential back-off with jitter, for reconnecting and for reports the server could not take.

export type BackoffOptions = { initialDelayMs?: number; maxDelayMs?: number };

/**
 * The wait before retry number `retries` (0 first): doubles from initialDelayMs (default 1 s) up to
 * maxDelayMs (default 30 s), then takes a random point in its upper half, so workers cut off together
 * do not all come back at the same moment.
 */
export function reconnectDelay(retries: number, o: BackoffOptions = {}, random: () => number = Math.random): number {
  const initial = o.initialDelayMs ?? 1000;
  const delay = Math.min(o.maxDelayMs ?? 30_000, initial * 2 ** retries);
  return delay / 2 + random() * (delay / 2);
}
