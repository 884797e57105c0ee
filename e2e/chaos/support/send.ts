// One GraphQL request over HTTP or over graphql-ws (raw protocol, so that any payload text can be sent),
// answered as the same shape: the error codes and whether data came back. Every wait is bounded.
import WebSocket from "ws";
import type { Json } from "../../src/graphql-client.ts";

export type Answer = {
  transport: "http" | "ws";
  /** HTTP status, or the WebSocket close code when the socket was closed on us. */
  status: number;
  codes: string[];
  messages: string[];
  /** Some data came back (the operation ran, at least in part). */
  data: boolean;
  /** A subscription that was accepted and is streaming (nothing refused it within the wait). */
  streaming: boolean;
  /** The raw answer text, to look for what must never leak (stacks, SQL). */
  text: string;
};

const errorsOf = (body: Json | null) => ((body?.errors ?? []) as Json[]).filter((e) => e && typeof e === "object");

export async function sendHttp(url: string, token: string | null, bodyText: string): Promise<Answer> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: bodyText,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let body: Json | null = null;
  try {
    body = JSON.parse(text) as Json;
  } catch {
    // not JSON (e.g. 413 from the body limit): no codes
  }
  const errors = errorsOf(body);
  return {
    transport: "http",
    status: res.status,
    codes: errors.map((e) => String(e.extensions?.code ?? "NONE")),
    messages: errors.map((e) => String(e.message)),
    data: body?.data != null && Object.values(body.data as Json).some((v) => v !== null),
    streaming: false,
    text,
  };
}

/** Sends `payloadText` as one Subscribe message; waits for its end, at most `ms` (a subscription still open then is streaming). */
export async function sendWs(url: string, token: string | null, payloadText: string, ms = 400): Promise<Answer> {
  const socket = new WebSocket(url.replace(/^http/, "ws"), "graphql-transport-ws");
  const messages: Json[] = [];
  const texts: string[] = [];
  let status = 0;
  let timedOut = false;
  await new Promise<void>((resolve) => {
    let opTimer: NodeJS.Timeout | undefined;
    const hardTimer = setTimeout(() => socket.terminate(), 30_000);
    socket.on("open", () =>
      socket.send(
        JSON.stringify({
          type: "connection_init",
          payload: token === null ? {} : { authorization: `Bearer ${token}` },
        }),
      ),
    );
    socket.on("message", (data) => {
      const text = (data as Buffer).toString("utf8");
      texts.push(text);
      const message = JSON.parse(text) as Json;
      if (message.type === "connection_ack") {
        socket.send(`{"type":"subscribe","id":"1","payload":${payloadText}}`);
        opTimer = setTimeout(() => {
          timedOut = true;
          socket.close(1000);
        }, ms);
      } else if (message.type === "ping") {
        socket.send(JSON.stringify({ type: "pong" }));
      } else {
        messages.push(message);
        if (message.type === "complete" || message.type === "error") socket.close(1000);
      }
    });
    socket.on("close", (code) => {
      status = code;
      clearTimeout(opTimer);
      clearTimeout(hardTimer);
      resolve();
    });
    socket.on("error", () => {});
  });
  const errors = messages.flatMap((m) =>
    m.type === "error" ? (m.payload as Json[]) : m.type === "next" ? errorsOf(m.payload as Json) : [],
  );
  const data = messages.some(
    (m) =>
      m.type === "next" && m.payload?.data != null && Object.values(m.payload.data as Json).some((v) => v !== null),
  );
  return {
    transport: "ws",
    status,
    codes: errors.map((e) => String(e.extensions?.code ?? "NONE")),
    messages: errors.map((e) => String(e.message)),
    data,
    streaming: timedOut && errors.length === 0,
    text: texts.join("\n"),
  };
}
