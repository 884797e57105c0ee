// Idempotency keys from the SDK (issue 10): a signal whose answer was lost is sent again with the
// same key and makes one node; a decision handler run again within one attempt (a repeated push of
// the same delivery) adds its children once, since ctx.addChildren derives its keys from the node,
// the attempt and the call's place in the handler.
import assert from "node:assert/strict";
import type { IncomingMessage, ServerResponse } from "node:http";
import { after, before, describe, it } from "node:test";
import { BackbeatClient, createPushHandler, sign, type Handler, type PushHandler } from "../src/index.ts";
import { createPushClient, startEndpoint, startServer, type Endpoint, type TestServer } from "./support.ts";

describe("idempotency keys from the SDK", () => {
  let s: TestServer;
  let endpoint: Endpoint;
  let client: BackbeatClient;
  let signingSecret: string;
  let token: string;
  let push: PushHandler;
  const handlers: Record<string, Handler> = {};
  const errors: unknown[] = [];
  /** The bodies the server pushed, as sent (to push one again). */
  const pushed: string[] = [];

  before(async () => {
    s = await startServer();
    endpoint = await startEndpoint();
    const credentials = await createPushClient(s.url, "keys", endpoint.url);
    signingSecret = credentials.signingSecret;
    token = credentials.token;
    client = new BackbeatClient({ url: s.url, token: credentials.token });
    push = createPushHandler({ client, signingSecret, handlers, onError: (e) => errors.push(e) });
    endpoint.listener = (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => pushed.push(Buffer.concat(chunks).toString("utf8")));
      push(req, res);
    };
  });
  after(async () => {
    await endpoint.close();
    await s.close();
  });

  async function until(what: string, done: () => Promise<boolean> | boolean): Promise<void> {
    const end = Date.now() + 10_000;
    while (!(await done())) {
      if (Date.now() > end) assert.fail(`timed out: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it("a signal whose answer is lost is retried with its key and makes one node", async () => {
    let calls = 0;
    // The first request reaches the server, but its answer never comes back (a dropped connection).
    const losing: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (++calls === 1) {
        await res.text();
        throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
      }
      return res;
    };
    const flaky = new BackbeatClient({ url: s.url, token, fetch: losing });
    const workflow = await client.createWorkflow({ name: "lost-answer", subject: 1 });
    const node = await flaky.signalWorkflow(workflow.id, { name: "pay" });
    assert.equal(calls, 2, "sent again after the lost answer");
    const nodes = (await client.workflow(workflow.id)).nodes;
    assert.deepEqual(
      nodes.map((n) => n.id),
      [node.id],
      "one node",
    );

    // A caller's own retry with its key is safe too; without a key every call is a new signal.
    const a = await client.signalWorkflow(workflow.id, { name: "again", idempotencyKey: "order-7" });
    const b = await client.signalWorkflow(workflow.id, { name: "again", idempotencyKey: "order-7" });
    assert.equal(a.id, b.id);
    await client.signalWorkflow(workflow.id, { name: "fresh" });
    await client.signalWorkflow(workflow.id, { name: "fresh" });
    assert.equal((await client.workflow(workflow.id)).nodes.length, 4);
  });

  it("a decision handler run again within one attempt adds its children once", async () => {
    let runs = 0;
    handlers.decide = async (ctx) => {
      await ctx.addChildren([{ name: "a" }, { name: "b", mode: "NON_BLOCKING" }]);
      await ctx.blocking("c");
      runs++;
      return "decided";
    };
    handlers.a = handlers.b = handlers.c = () => "done";
    const signal = await client.signal("rerun", 2, "decide");
    await s.drain();
    await until("the first run", () => runs === 1);
    await push.idle();
    const first = (await client.node(signal.id)).children.map((c) => c.id);
    assert.equal(first.length, 3);

    // The same delivery (same attempt) pushed again: the handler runs again from the start.
    const body = pushed.find((b) => b.includes(signal.id))!;
    const res = await fetch(endpoint.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-backbeat-signature": sign(body, signingSecret) },
      body,
    });
    assert.equal(res.status, 200);
    await until("the second run", () => runs === 2);
    await push.idle();
    assert.deepEqual(
      (await client.node(signal.id)).children.map((c) => c.id),
      first,
      "the same three children, no more",
    );
  });
});
