// A pass sends its due children in one statement (send-nodes.ts): each still goes through
// every transition, audited in order, with its own deadline; a timed child only starts, and waits.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { audit, signalWithChildren } from "./support.ts";

const S = 1000;

describe("a pass's due children", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ config: { clientTimeoutSeconds: 3600 } });
  });
  after(() => h.close());

  it("go from ready to sent through every transition, each with its deadline; a timed one waits started", async () => {
    const later = new Date(h.clock.now().getTime() + 60 * S);
    const { kids } = await signalWithChildren(h, [
      { name: "quick", mode: "non_blocking", clientData: { timeout: 30 } },
      { name: "default", mode: "non_blocking" },
      { name: "timed", mode: "non_blocking", firesAt: later },
    ]);
    await h.drain();
    const [quick, plain, timed] = kids.map((k) => k.id) as [string, string, string];
    const sent = ["server:ready→started", "server:started→sent_to_client", "client:ready→received"];
    const readied = ["server:pending→ready", "client:pending→ready"];
    assert.deepEqual(await audit(h, quick), [...readied, ...sent]);
    assert.deepEqual(await audit(h, plain), [...readied, ...sent]);
    assert.equal((await h.node(quick)).completeBy?.getTime(), h.clock.now().getTime() + 30 * S);
    assert.equal((await h.node(plain)).completeBy?.getTime(), h.clock.now().getTime() + 3600 * S);
    assert.equal((await h.node(quick)).attempt, 1);

    assert.equal(await h.status(timed), "started/ready");
    assert.deepEqual(await audit(h, timed), [...readied, "server:ready→started"]);
    h.clock.advance(60 * S);
    await h.drain();
    assert.equal(await h.status(timed), "sent_to_client/received");
  });
});
