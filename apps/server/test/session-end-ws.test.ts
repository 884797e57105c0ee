// A session that ends (signOut) while a WebSocket opened with it is open: the connection re-checks
// its session (here every 50 ms) and is closed with 4403, so its open subscriptions stop too. A
// client token's connection is left alone (client tokens cannot end while the server runs).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { operatorSession } from "./operator-support.ts";
import { startServer, waitUntil, type TestServer } from "./support.ts";
import { subscribe, wsClient } from "./ws-support.ts";

describe("a session ended while its WebSocket is open", () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ sessionCheckMs: 50 });
  });
  after(() => s.close());

  it("signOut closes that session's connection (4403) and ends its subscription; another session's stays open", async () => {
    const ending = await operatorSession(s, "olga.open", "VIEWER");
    const staying = await operatorSession(s, "olga.stays", "VIEWER");
    const closed: Record<string, number> = {};
    const wsEnding = wsClient(s.url, ending, (code) => (closed.ending = code));
    const wsStaying = wsClient(s.url, staying, (code) => (closed.staying = code));
    try {
      const base = s.app.feed.subscriberCount;
      const ended = subscribe(wsEnding, `subscription { nodeEvents { statusChange { id } } }`);
      const kept = subscribe(wsStaying, `subscription { nodeEvents { statusChange { id } } }`);
      await waitUntil(() => s.app.feed.subscriberCount === base + 2);
      await s.ok(ending, `mutation { signOut }`);
      await waitUntil(() => closed.ending !== undefined);
      assert.equal(closed.ending, 4403);
      await ended.ended;
      await waitUntil(() => s.app.feed.subscriberCount === base + 1);
      // Both connections were checked on the same beat: the one whose session holds is still open.
      assert.equal(closed.staying, undefined);
      const me = subscribe(wsStaying, `{ me { login } }`);
      await me.ended;
      assert.deepEqual(me.events, [{ me: { login: "olga.stays" } }]);
      kept.stop();
    } finally {
      await wsEnding.dispose();
      await wsStaying.dispose();
    }
  });
});
