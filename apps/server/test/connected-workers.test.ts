// Client.connectedWorkers counts open nodesToRun subscriptions on every server process, from the
// pull_workers table: 0 -> 1 -> 2 (a second process) -> 0, and a crashed process's row (no longer
// refreshed) stops counting after 30 s.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { rows } from "./operator-support.ts";
import { ADMIN_TOKEN, startPeer, startServer, waitUntil, type TestClient, type TestServer } from "./support.ts";
import { subscribe, wsClient } from "./ws-support.ts";

const WORKERS = `{ clients { name connectedWorkers } }`;
const PULL = `subscription { nodesToRun { id } }`;

describe("Client.connectedWorkers", () => {
  let s: TestServer;
  let puller: TestClient;
  before(async () => {
    s = await startServer();
    puller = await s.newClient("workers", { push: false });
  });
  after(() => s.close());

  const count = async (): Promise<number> => {
    const d = await s.ok(ADMIN_TOKEN, WORKERS);
    return d.clients.find((c: { name: string }) => c.name === "workers").connectedWorkers as number;
  };
  const eventually = async (want: number) => {
    let last = -1;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      last = await count();
      if (last === want) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(last, want);
  };

  it("goes 0 -> 1 -> 2 across two server processes -> 0 as real graphql-ws subscriptions open and close", async () => {
    assert.equal(await count(), 0);
    const c1 = wsClient(s.url, puller.token);
    const sub1 = subscribe(c1, PULL);
    await eventually(1);

    const peer = await startPeer(s);
    const c2 = wsClient(peer.url, puller.token);
    const sub2 = subscribe(c2, PULL);
    await eventually(2);
    // The client sees its own count too (Workflow.client / any Client it can reach).
    sub2.stop();
    await c2.dispose();
    await eventually(1);
    await peer.close();

    sub1.stop();
    await c1.dispose();
    await eventually(0);
    await waitUntil(() => s.app.pull.subscriptionCount === 0);
  });

  it("a row its process stopped refreshing (a crash) no longer counts after 30 s", async () => {
    const c = wsClient(s.url, puller.token);
    const sub = subscribe(c, PULL);
    await eventually(1);
    await rows(s.database.url, `UPDATE pull_workers SET seen_at = now() - interval '31 seconds'`);
    assert.equal(await count(), 0);
    await rows(s.database.url, `UPDATE pull_workers SET seen_at = now() - interval '29 seconds'`);
    assert.equal(await count(), 1);
    sub.stop();
    await c.dispose();
    await eventually(0);
    assert.equal((await rows(s.database.url, `SELECT id FROM pull_workers`)).length, 0, "the row is deleted");
  });
});
