// One write to the network for all the messages a connection is sent in one turn of the event
// loop: a fill hands a pull worker many nodes at once, each its own graphql-ws message, and a
// write (a system call) per message was most of what sending them cost. The socket is corked at
// the first message and uncorked once the turn's work is done (setImmediate), so messages are
// delayed by no more than that turn.
import type { Socket } from "node:net";
import type { WebSocket } from "ws";

export function coalesceWrites(ws: WebSocket, socket: Socket): void {
  const send = ws.send.bind(ws);
  let corked = false;
  ws.send = ((...args: Parameters<WebSocket["send"]>) => {
    if (!corked && !socket.destroyed) {
      corked = true;
      socket.cork();
      setImmediate(() => {
        corked = false;
        socket.uncork();
      });
    }
    send(...args);
  }) as WebSocket["send"];
}
