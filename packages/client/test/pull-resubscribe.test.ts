// How the pull worker treats a subscription the server refused, against a real graphql-ws server
// that answers each subscribe with a chosen error: a fault on the server's side (a connection to its
// database cut mid-statement, a bug) must not leave the worker connected but pulling nothing; a
// refusal of the request itself is final.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, it } from "node:test";
import { buildSchema, GraphQLError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { BackbeatClient, createPullWorker } from "../src/index.ts";

const schema = buildSchema(`type Query { ok: Boolean } type Subscription { nodesToRun(concurrency: Int!): Boolean }`);

/** A graphql-ws server whose every subscription is refused with the error `code` (the subscriptions it saw are counted). */
async function refusingServer(
  code: string,
): Promise<{ url: string; subscribes: () => number; close: () => Promise<void> }> {
  let subscribes = 0;
  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http, path: "/graphql" });
  const cleanup = useServer(
    {
      schema,
      onSubscribe: () => {
        subscribes++;
        return [new GraphQLError("refused", { extensions: { code } })];
      },
    },
    wss,
  );
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    subscribes: () => subscribes,
    close: async () => {
      await cleanup.dispose();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

async function waitFor(condition: () => boolean, ms = 5_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

describe("a pull worker whose subscription is refused", () => {
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const close of closers) await close();
  });

  async function workerAgainst(code: string) {
    const server = await refusingServer(code);
    const errors: unknown[] = [];
    const worker = createPullWorker({
      url: server.url,
      token: "t",
      client: new BackbeatClient({ url: server.url, token: "t" }),
      handlers: {},
      reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
      onError: (e) => errors.push(e),
    });
    worker.start();
    closers.push(async () => {
      await worker.stop();
      await server.close();
    });
    return { server, errors };
  }

  for (const code of ["INTERNAL_SERVER_ERROR", "DATABASE_UNAVAILABLE"]) {
    it(`asks again, with back-off, after ${code}`, async () => {
      const { server, errors } = await workerAgainst(code);
      assert.ok(await waitFor(() => server.subscribes() >= 3), `subscribed ${server.subscribes()} times`);
      assert.ok(errors.length >= 2, "each refusal is told to onError");
    });
  }

  for (const code of ["BAD_USER_INPUT", "UNAUTHENTICATED", "FORBIDDEN"]) {
    it(`gives up after ${code}: asking again cannot change the answer`, async () => {
      const { server, errors } = await workerAgainst(code);
      assert.ok(await waitFor(() => errors.length === 1));
      // Back-off is at most 20 ms here: a worker that asked again would have done so by now.
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(server.subscribes(), 1);
    });
  }
});
