// "Something changed", as Server-Sent Events, for pages that show numbers over all workflows (the overview):
// this handler opens the operator-only `nodeEvents` subscription without a workflow id (every workflow's status
// changes; the session token from the httpOnly cookie never reaches the browser) and sends at most one `change`
// event per COALESCE_MS, saying how many changes came and how many were failures. The page then reads its
// numbers again itself: nothing here is a cursor, so a reconnect simply starts live again (the page refreshes
// once on `ready` after a reconnect, for what it missed).
import { createClient, type Client } from "graphql-ws";
import type { NextRequest } from "next/server";
import WebSocket from "ws";
import { AllNodeEventsDocument, type AllNodeEventsSubscription } from "@/generated/graphql";
import { graphqlWsUrl } from "@/lib/config";
import { isStopping, trackOpenStream } from "@/lib/open-streams";
import { SESSION_COOKIE } from "@/lib/session-cookie";
import { describeUpstreamError, upstreamErrorEvent } from "@/lib/upstream-error";

export const dynamic = "force-dynamic";

const KEEPALIVE_MS = 15_000;
const RETRY_MS = 2_000;
/** A busy server changes thousands of statuses a second: the browser hears of them at most this often. */
const COALESCE_MS = 1_000;

export function GET(request: NextRequest): Response {
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (!token) return new Response("signed out\n", { status: 401 });
  if (isStopping()) {
    return new Response(`retry: ${RETRY_MS}\n\n`, { headers: { ...SSE_HEADERS, connection: "close" } });
  }

  const encoder = new TextEncoder();
  let client: Client | null = null;
  let keepalive: NodeJS.Timeout | null = null;
  let flushTimer: NodeJS.Timeout | null = null;
  let closed = false;
  let untrack = () => {};
  const stop = () => {
    closed = true;
    untrack();
    if (keepalive) clearInterval(keepalive);
    if (flushTimer) clearTimeout(flushTimer);
    void client?.dispose();
  };

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        stop();
        try {
          controller.close();
        } catch {
          // Already closed by the runtime (the browser went away first).
        }
      };
      request.signal.addEventListener("abort", close);
      untrack = trackOpenStream(close);

      send(`retry: ${RETRY_MS}\n\n`);
      keepalive = setInterval(() => send(`: keepalive\n\n`), KEEPALIVE_MS);

      let changes = 0;
      let failures = 0;
      let lastSent = 0;
      const flush = () => {
        flushTimer = null;
        lastSent = Date.now();
        send(`event: change\ndata: ${JSON.stringify({ changes, failures })}\n\n`);
        changes = 0;
        failures = 0;
      };

      client = createClient({
        url: graphqlWsUrl(),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        lazy: true,
        retryAttempts: 0,
        on: { connected: () => queueMicrotask(() => send(`event: ready\ndata: {}\n\n`)) },
      });
      client.subscribe<AllNodeEventsSubscription>(
        { query: AllNodeEventsDocument.toString() },
        {
          next: (result) => {
            const change = result.data?.nodeEvents.statusChange;
            if (change) {
              changes++;
              if (change.toStatus === "errored" || change.toStatus === "retries_exhausted") failures++;
              flushTimer ??= setTimeout(flush, Math.max(0, lastSent + COALESCE_MS - Date.now()));
            } else if (result.errors?.length) {
              send(`event: failed\ndata: ${JSON.stringify(result.errors[0]?.message)}\n\n`);
            }
          },
          error: (error) => {
            send(`event: ${upstreamErrorEvent(error)}\ndata: ${JSON.stringify(describeUpstreamError(error))}\n\n`);
            close();
          },
          complete: close,
        },
      );
    },
    cancel: stop,
  });

  return new Response(stream, { headers: SSE_HEADERS });
}

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};
