// One write to the network for all the messages a connection is sent in one turn of the event
// loop: a fill hands a pull worker many nodes at once, each its own graphql-ws message, and a
// write (a system call) per message was most of what sending them cost. The socket is corked at
// the first message and uncorked once the turn's code and the promise callbacks it started have run
// (process.nextTick): a fill's messages all go then, as each next one is sent from a promise callback
// (below). Not later: with setImmediate, a node handed out as a signal commits waited ~0.12 ms for
// the rest of the turn's work, the signal's own HTTP answer among it.
//
// graphql-ws sends a subscription's next event only once the previous send's callback ran, which
// ws runs when the write is done: behind the cork, a turn later. So a fill's nodes left one per
// turn, spread over milliseconds and mixed with other work, and the worker got them piecemeal.
// While little is buffered, the callback runs at once instead (a failed write closes the socket,
// which ends its subscriptions); past BACKPRESSURE_BYTES it waits for the write as before, so a
// slow reader still holds its subscriptions back.
import type { Socket } from "node:net";
import type { WebSocket } from "ws";

export const BACKPRESSURE_BYTES = 256 * 1024;

type SendCallback = (error?: Error) => void;

export function coalesceWrites(ws: WebSocket, socket: Socket): void {
  const send = ws.send.bind(ws) as (data: unknown, options: object, cb?: SendCallback) => void;
  let corked = false;
  ws.send = ((data: unknown, optionsOrCb?: object | SendCallback, cb?: SendCallback) => {
    const options = typeof optionsOrCb === "object" ? optionsOrCb : {};
    const callback = typeof optionsOrCb === "function" ? (optionsOrCb as SendCallback) : cb;
    if (!corked && !socket.destroyed) {
      corked = true;
      socket.cork();
      process.nextTick(() => {
        corked = false;
        socket.uncork();
      });
    }
    if (!callback || ws.bufferedAmount >= BACKPRESSURE_BYTES || ws.readyState !== ws.OPEN) {
      send(data, options, callback);
      return;
    }
    send(data, options, () => {});
    queueMicrotask(() => callback());
  }) as WebSocket["send"];
}
