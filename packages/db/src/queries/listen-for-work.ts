// A dedicated connection that LISTENs for notifications from any process: "work was added"
// (WAKE_CHANNEL, the schedulers) or "a status changed" (STATUS_CHANNEL, the status feeds).
// It reconnects by itself, and wakes the caller after reconnecting (something may have been missed).
import pg from "pg";
import { WAKE_CHANNEL } from "./jobs.ts";

export type WorkListener = { close: () => Promise<void> };

export async function listenForWork(
  url: string,
  onWake: () => void,
  onError: (e: unknown) => void = () => {},
  channel: string = WAKE_CHANNEL,
): Promise<WorkListener> {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on("notification", () => onWake());
    c.on("error", (e) => {
      onError(e);
      reconnect(c);
    });
    c.on("end", () => reconnect(c));
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
    onWake();
  };
  const reconnect = (dead: pg.Client): void => {
    if (closed || client !== dead || retry) return;
    client = null;
    retry = setTimeout(() => {
      retry = null;
      connect().catch((e: unknown) => {
        onError(e);
        if (!closed) retry = setTimeout(() => void connect().catch(onError), 1000);
      });
    }, 1000);
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
