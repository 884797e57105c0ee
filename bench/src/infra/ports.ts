// Free loopback ports, and bounded waits: every wait in the benchmark has a deadline and a message.
// One freePort for the whole repository: the tests' own.
export { freePort } from "@backbeat/db/testing";

export class TimeoutError extends Error {}

/** `promise`, or a TimeoutError saying `what` did not happen within `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what}: not done within ${(ms / 1000).toFixed(0)} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` every `intervalMs` until true; throws a TimeoutError after `ms`. */
export async function waitUntil(check: () => Promise<boolean>, ms: number, what: string, intervalMs = 100) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new TimeoutError(`${what}: not done within ${(ms / 1000).toFixed(0)} s`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
