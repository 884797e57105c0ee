// Which errors mean "the connection to PostgreSQL is gone or cannot be made" (a restart, a failover,
// pg_terminate_backend, a network cut) rather than "this statement failed". Only these may be
// retried on a new connection, and only when nothing could have been committed.

// 57P01 admin shutdown / terminated, 57P02 crash shutdown, 57P03 cannot connect now (starting up,
// shutting down); class 08: connection exceptions.
const SERVER_CODES = new Set(["57P01", "57P02", "57P03"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);
// node-postgres's own words for a connection that ended or never worked.
const CLIENT_MESSAGES = [
  "Connection terminated",
  "not queryable",
  "timeout exceeded when trying to connect",
  "Connection terminated due to connection timeout",
];

export function isConnectionError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  if ((error as Error).name === "DatabaseUnavailableError") return true;
  const { code, syscall, message } = error as { code?: unknown; syscall?: unknown; message?: unknown };
  if (typeof code === "string") {
    if (SERVER_CODES.has(code) || code.startsWith("08")) return true;
    if (SOCKET_CODES.has(code)) return true;
    // The Unix socket is missing while PostgreSQL is down.
    if (code === "ENOENT" && syscall === "connect") return true;
  }
  return typeof message === "string" && CLIENT_MESSAGES.some((m) => message.includes(m));
}

// Refused before anything was sent: PostgreSQL is down, starting up or shutting down. Any statement,
// a write included, may be tried again after one of these.
const REFUSED_SERVER_CODES = new Set(["57P03", "08001", "08004"]);

export function isConnectRefused(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  if (typeof code !== "string") return false;
  if (REFUSED_SERVER_CODES.has(code) || code === "ECONNREFUSED") return true;
  return code === "ENOENT" && syscall === "connect";
}

/** How long a statement waits for a database that refuses connections before failing to its caller. */
export const RECONNECT_PATIENCE_MS = 15_000;

/** The wait before reconnect number `n` (0 first): 100 ms doubling to 2 s, with jitter. */
export function reconnectDelayMs(n: number, random: () => number = Math.random): number {
  return Math.min(2_000, 100 * 2 ** n) * (0.5 + random() / 2);
}

/** Runs `fn`, again while the database refuses connections (a restart), for up to RECONNECT_PATIENCE_MS. */
export async function whileRefused<T>(fn: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + RECONNECT_PATIENCE_MS;
  for (let n = 0; ; n++) {
    try {
      return await fn();
    } catch (error) {
      const delay = reconnectDelayMs(n);
      if (!isConnectRefused(error) || Date.now() + delay > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
