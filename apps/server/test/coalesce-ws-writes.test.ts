// Messages sent to one WebSocket in one turn of the event loop leave in one network write, in order;
// also when each is sent from the previous one's callback (as graphql-ws sends a subscription's
// events), until a slow reader lets too much pile up.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { after, describe, it } from "node:test";
import WebSocket, { WebSocketServer } from "ws";
import { BACKPRESSURE_BYTES, coalesceWrites } from "../src/coalesce-ws-writes.ts";

/** Counts what reaches the socket's writer: one call per network write. */
function countWrites(socket: Socket): () => number {
  let writes = 0;
  const writer = socket as Socket & { _writev: (...a: unknown[]) => void; _write: (...a: unknown[]) => void };
  for (const method of ["_write", "_writev"] as const) {
    const original = writer[method].bind(writer);
    writer[method] = (...a: unknown[]) => {
      writes++;
      original(...a);
    };
  }
  return () => writes;
}

/** Each message sent once the previous send's callback ran. */
async function sendInTurn(ws: WebSocket, messages: string[]): Promise<void> {
  for (const m of messages)
    await new Promise<void>((resolve, reject) => ws.send(m, (e) => (e ? reject(e) : resolve())));
}

/** Bounded: the next `n` messages the client receives. */
function receive(client: WebSocket, n: number): Promise<string[]> {
  const got: string[] = [];
  return new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${got.length} of ${n} messages`)), 5_000);
    const onMessage = (m: Buffer) => {
      got.push(m.toString());
      if (got.length === n) {
        clearTimeout(timer);
        client.off("message", onMessage);
        resolve(got);
      }
    };
    client.on("message", onMessage);
  });
}

describe("coalesceWrites", () => {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  after(async () => {
    wss.close();
    await new Promise((r) => http.close(r));
  });

  const connect = async () => {
    const server = new Promise<{ ws: WebSocket; writes: () => number }>((resolve) =>
      wss.once("connection", (ws, request) => {
        const writes = countWrites(request.socket);
        coalesceWrites(ws, request.socket);
        resolve({ ws, writes });
      }),
    );
    if (!http.listening) await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    await new Promise((resolve, reject) => client.once("open", resolve).once("error", reject));
    return { client, ...(await server) };
  };

  it("sends messages that wait for each other's callbacks in one write too", async () => {
    const { client, ws, writes } = await connect();
    const messages = Array.from({ length: 20 }, (_, i) => `event ${i}`);
    const received = receive(client, 20);
    const before = writes();
    await sendInTurn(ws, messages);
    assert.deepEqual(await received, messages);
    assert.equal(writes() - before, 1, "one write for the 20 messages");
    client.close();
  });

  it("waits for the write again once a slow reader leaves too much buffered", async () => {
    const { client, ws } = await connect();
    // The client stops reading: the kernel's buffers fill, then the server's own (past the uncork).
    (client as unknown as { _socket: Socket })._socket.pause();
    const big = "x".repeat(1024 * 1024);
    for (let i = 0; i < 256 && ws.bufferedAmount < 2 * BACKPRESSURE_BYTES; i++) {
      ws.send(big);
      await new Promise(setImmediate);
      await new Promise(setImmediate);
    }
    assert.ok(ws.bufferedAmount >= BACKPRESSURE_BYTES, `buffered ${ws.bufferedAmount} bytes`);
    let called = false;
    ws.send("small", () => (called = true));
    for (let turns = 0; turns < 10; turns++) await new Promise(setImmediate);
    assert.equal(called, false, "the callback waits while the reader is behind");
    (client as unknown as { _socket: Socket })._socket.resume();
    const bound = Date.now() + 5_000;
    while (!called) {
      assert.ok(Date.now() < bound, "the callback never ran after the reader caught up");
      await new Promise((r) => setTimeout(r, 10));
    }
    client.close();
  });

  it("sends a turn's messages in one write, in order, and later turns after it", async () => {
    const { client, ws, writes } = await connect();
    const received = receive(client, 21);
    const before = writes();
    for (let i = 0; i < 20; i++) ws.send(String(i));
    setImmediate(() => setImmediate(() => ws.send("later")));
    assert.deepEqual(await received, [...Array.from({ length: 20 }, (_, i) => String(i)), "later"]);
    assert.equal(writes() - before, 2, "one write for the first turn's 20 messages, one for the later one");
    client.close();
  });
});
