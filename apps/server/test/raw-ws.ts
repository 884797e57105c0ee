// One graphql-ws operation sent as raw text over a WebSocket (graphql-transport-ws protocol): for
// messages the graphql-ws client would not build (nesting deeper than JSON.stringify goes).
import WebSocket from "ws";
import type { Json } from "./support.ts";

/** Connects, sends `subscribePayload` (the JSON text of a Subscribe message's payload), and resolves
 * with the messages for it until `complete` or `error` (or `ms`, or the socket closing). */
export async function rawWsOperation(
  httpUrl: string,
  token: string,
  payloadText: string,
  ms = 10_000,
): Promise<{ messages: Json[]; closeCode: number | null }> {
  const socket = new WebSocket(httpUrl.replace(/^http/, "ws"), "graphql-transport-ws");
  const messages: Json[] = [];
  let closeCode: number | null = null;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => socket.terminate(), ms);
    socket.on("open", () =>
      socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } })),
    );
    socket.on("message", (data) => {
      const message = JSON.parse((data as Buffer).toString("utf8")) as Json;
      if (message.type === "connection_ack") {
        socket.send(`{"type":"subscribe","id":"1","payload":${payloadText}}`);
      } else if (message.type === "ping") {
        socket.send(JSON.stringify({ type: "pong" }));
      } else {
        messages.push(message);
        if (message.type === "complete" || message.type === "error") socket.close(1000);
      }
    });
    socket.on("close", (code) => {
      closeCode = code;
      clearTimeout(timer);
      resolve();
    });
    socket.on("error", () => {});
  });
  return { messages, closeCode };
}
