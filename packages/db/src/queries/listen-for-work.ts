// A dedicated connection that LISTENs for notifications from any process: "work was added"
// (WAKE_CHANNEL, the schedulers) or "a status changed" (STATUS_CHANNEL, the status feeds).
// It reconnects by itself, with back-off for as long as the database is away, and wakes the caller
// after reconnecting (something may have been missed meanwhile: the wake is the catch-up read). A
// wake carries the notification's payload; the one after (re)connecting carries none: anything.
import pg from "pg";
import { WAKE_CHANNEL } from "./jobs.ts";

export type WorkListener = { close: () => Promise<void> };

const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 5_000;

export async function listenForWork(
  url: string,
  onWake: (payload?: string) => void,
  onError: (e: unknown) => void = () => {},
  channel: string = WAKE_CHANNEL,
): Promise<WorkListener> {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on("notification", (n) => onWake(n.payload));
    // Always listened to, also on a client that failed to connect: an 'error' event must never go unhandled.
    c.on("error", (e) => {
      if (client === c) onError(e);
      reconnect(c);
    });
    c.on("end", () => reconnect(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (error) {
      await c.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    onWake();
  };
  const schedule = (attempt: number): void => {
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
    retry = setTimeout(() => {
      retry = null;
      connect().catch((e: unknown) => {
        if (closed) return;
        if (attempt === 0) onError(e);
        schedule(attempt + 1);
      });
    }, delay);
  };
  const reconnect = (dead: pg.Client): void => {
    if (closed || client !== dead || retry) return;
    client = null;
    schedule(0);
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
