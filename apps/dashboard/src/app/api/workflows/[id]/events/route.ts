// Live status changes of one workflow, as Server-Sent Events. The browser never sees the session token: this
// handler opens the graphql-ws `nodeEvents` subscription itself (token from the httpOnly cookie) and relays each
// event with `id:` = its StatusChange id. The first connection carries `?after=` (the feed position the page read
// before its snapshot); on reconnect the browser's EventSource sends Last-Event-ID instead. Either becomes the
// subscription's `after`: the server replays what was missed, then streams live, with no gap and no duplicate.
// Closing the browser's connection closes the upstream subscription.
import { createClient, type Client } from "graphql-ws";
import type { NextRequest } from "next/server";
import WebSocket from "ws";
import { graphqlWsUrl } from "@/lib/config";
import { isStopping, trackOpenStream } from "@/lib/open-streams";
import { SESSION_COOKIE } from "@/lib/session-cookie";
import { WorkflowNodeEventsDocument } from "@/generated/graphql";
import type { LiveEvent } from "@/lib/tree-node";
import { describeUpstreamError, upstreamErrorEvent } from "@/lib/upstream-error";

export const dynamic = "force-dynamic";

/** A comment line every so often keeps proxies from timing the stream out and notices a gone browser. */
const KEEPALIVE_MS = 15_000;
/** How long the browser waits before reconnecting after the stream ends. */
const RETRY_MS = 2_000;
/** Status change ids are decimal integers; anything else is not passed on as a cursor. */
const CURSOR = /^\d{1,20}$/;

type Params = { params: Promise<{ id: string }> };

export async function GET(request: NextRequest, { params }: Params): Promise<Response> {
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (!token) return new Response("signed out\n", { status: 401 });
  // A stopping dashboard still answers on kept-alive connections: send the browser away to retry, on a new
  // connection, which reaches the instance that replaces this one.
  if (isStopping()) {
    return new Response(`retry: ${RETRY_MS}\n\n`, { headers: { ...SSE_HEADERS, connection: "close" } });
  }
  const { id: workflowId } = await params;
  const lastEventId = request.headers.get("last-event-id") ?? request.nextUrl.searchParams.get("after");
  const after = lastEventId && CURSOR.test(lastEventId) ? lastEventId : null;

  const encoder = new TextEncoder();
  let client: Client | null = null;
  let keepalive: NodeJS.Timeout | null = null;
  let closed = false;
  let untrack = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        untrack();
        if (keepalive) clearInterval(keepalive);
        void client?.dispose();
        try {
          controller.close();
        } catch {
          // Already closed by the runtime (the browser went away first): nothing left to end.
        }
      };
      request.signal.addEventListener("abort", close);
      untrack = trackOpenStream(close);

      send(`retry: ${RETRY_MS}\n\n`);
      keepalive = setInterval(() => send(`: keepalive\n\n`), KEEPALIVE_MS);

      client = createClient({
        url: graphqlWsUrl(),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        lazy: true,
        // The browser's EventSource reconnects (with Last-Event-ID); no second retry loop here.
        retryAttempts: 0,
        on: {
          // Only the live indicator: the browser starts the stream after the position it read before its
          // snapshot (`?after=`), so nothing depends on when the server registers the subscription.
          connected: () => queueMicrotask(() => send(`event: ready\ndata: ${JSON.stringify({ resumed: after })}\n\n`)),
        },
      });

      client.subscribe<{ nodeEvents: LiveEvent }>(
        { query: WorkflowNodeEventsDocument.toString(), variables: { workflowId, after } },
        {
          next: (result) => {
            const event = result.data?.nodeEvents;
            if (event) send(`id: ${event.statusChange.id}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`);
            else if (result.errors?.length)
              send(`event: failed\ndata: ${JSON.stringify(result.errors[0]?.message)}\n\n`);
          },
          error: (error) => {
            send(`event: ${upstreamErrorEvent(error)}\ndata: ${JSON.stringify(describeUpstreamError(error))}\n\n`);
            close();
          },
          complete: close,
        },
      );
    },
    cancel() {
      closed = true;
      untrack();
      if (keepalive) clearInterval(keepalive);
      void client?.dispose();
    },
  });

  return new Response(stream, { headers: SSE_HEADERS });
}

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};
