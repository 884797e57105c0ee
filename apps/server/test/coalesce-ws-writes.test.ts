// Messages sent to one WebSocket in one turn of the event loop leave in one network write, in order.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { after, describe, it } from "node:test";
import WebSocket, { WebSocketServer } from "ws";
import { coalesceWrites } from "../src/coalesce-ws-writes.ts";

describe("coalesceWrites", () => {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  after(async () => {
    wss.close();
    await new Promise((r) => http.close(r));
  });

  it("sends a turn's messages in one write, in order, and later turns after it", async () => {
    let writes = 0;
    wss.on("connection", (ws, request) => {
      const socket = request.socket as Socket & {
        _writev: (...a: unknown[]) => void;
        _write: (...a: unknown[]) => void;
      };
      // Count what reaches the socket's writer: one call per network write.
      for (const method of ["_write", "_writev"] as const) {
        const original = socket[method].bind(socket);
        socket[method] = (...a: unknown[]) => {
          writes++;
          original(...a);
        };
      }
      coalesceWrites(ws, request.socket);
      for (let i = 0; i < 20; i++) ws.send(String(i));
      setImmediate(() => setImmediate(() => ws.send("later")));
    });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    const got: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${got.length} messages`)), 5_000);
      client.on("message", (m: Buffer) => {
        got.push(m.toString());
        if (got.length === 21) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    client.close();
    assert.deepEqual(got, [...Array.from({ length: 20 }, (_, i) => String(i)), "later"]);
    assert.equal(writes, 2, "one write for the first turn's 20 messages, one for the later one");
  });
});
