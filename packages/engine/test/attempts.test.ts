// Reports about an attempt that is over. A worker names the attempt it runs (Node.attempt as delivered);
// once the node has been sent again (here: its deadline passed, it was retried and re-sent), the old
// attempt's report, heartbeat and children are refused with CONFLICT and change nothing, so a slow
// worker cannot settle the attempt another worker is running.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { listNodeHistory } from "@backbeat/db";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { rejectsWith, signalWithChildren } from "./support.ts";

const S = 1000;

describe("attempts", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  /** A node on its second attempt: the first went silent past its deadline and was retried. */
  async function resentNode(): Promise<string> {
    const { kids } = await signalWithChildren(h, [{ name: "slow", clientData: { timeout: 60 }, retryInterval: 0 }]);
    const id = kids[0]!.id;
    await h.drain();
    assert.equal((await h.node(id)).attempt, 1);
    await h.engine.reportNodeStatus(h.caller, id, "processing", undefined, 1);
    h.clock.advance(61 * S);
    await h.drain(); // deadline → retrying → (interval 0) ready → sent again
    assert.equal(await h.status(id), "sent_to_client/received");
    assert.equal((await h.node(id)).attempt, 2);
    return id;
  }

  it("the old attempt's completed, heartbeat and children are refused; the current attempt's are taken", async () => {
    const id = await resentNode();
    const before = await listNodeHistory(h.engine.sql, id);

    const refused = await rejectsWith(
      h.engine.reportNodeStatus(h.caller, id, "completed", { result: "late" }, 1),
      "CONFLICT",
    );
    assert.match(String(refused.message), /Attempt 1 of node .* is over \(the node is on attempt 2\)/);
    await rejectsWith(h.engine.heartbeatNode(h.caller, id, 1), "CONFLICT");
    await rejectsWith(h.engine.addChildren(h.caller, id, [{ name: "late child" }], 1), "CONFLICT");
    assert.equal(await h.status(id), "sent_to_client/received");
    assert.deepEqual(await listNodeHistory(h.engine.sql, id), before, "no audit row");
    assert.equal((await h.engine.sql.query("SELECT 1 FROM nodes WHERE parent_id = $1", [id])).rowCount, 0);

    await h.engine.addChildren(h.caller, id, [{ name: "child" }], 2);
    await h.engine.reportNodeStatus(h.caller, id, "completed", { result: "on time" }, 2);
    await h.drain();
    assert.equal(await h.status(id), "processing_children/complete", "waiting for its child");
  });

  it("between a retry and the next send, the old attempt's children are refused (they would outlive the retry)", async () => {
    // The workflow is paused, so the retried node waits (paused, still on attempt 1) instead of being re-sent.
    const { w, kids } = await signalWithChildren(h, [{ name: "slow", clientData: { timeout: 60 }, retryInterval: 0 }]);
    const id = kids[0]!.id;
    await h.drain();
    await h.engine.reportNodeStatus(h.caller, id, "processing", undefined, 1);
    await h.engine.pauseWorkflow(h.caller, w.id);
    h.clock.advance(61 * S);
    await h.drain(); // deadline → retrying → ready → started → paused: the retry has deactivated what it had
    assert.equal(await h.status(id), "paused/ready");
    assert.equal((await h.node(id)).attempt, 1);

    const refused = await rejectsWith(h.engine.addChildren(h.caller, id, [{ name: "late child" }], 1), "CONFLICT");
    assert.match(String(refused.message), /attempt 1 is over/);
    assert.equal((await h.engine.sql.query("SELECT 1 FROM nodes WHERE parent_id = $1", [id])).rowCount, 0);

    await h.engine.resumeWorkflow(h.caller, w.id);
    await h.drain();
    assert.equal(await h.status(id), "sent_to_client/received");
    assert.equal((await h.node(id)).attempt, 2);
    await h.engine.addChildren(h.caller, id, [{ name: "child" }], 2);
    assert.equal((await h.engine.sql.query("SELECT 1 FROM nodes WHERE parent_id = $1", [id])).rowCount, 1);
  });

  it("without an attempt a report applies to whatever attempt is current (as in the original)", async () => {
    const id = await resentNode();
    await h.engine.reportNodeStatus(h.caller, id, "completed");
    await h.drain();
    assert.equal(await h.status(id), "complete/complete");
  });

  it("a malformed attempt is BAD_USER_INPUT", async () => {
    const { kids } = await signalWithChildren(h, [{ name: "x" }]);
    await h.drain();
    await rejectsWith(h.engine.reportNodeStatus(h.caller, kids[0]!.id, "processing", undefined, -1), "BAD_USER_INPUT");
    await rejectsWith(h.engine.heartbeatNode(h.caller, kids[0]!.id, 1.5), "BAD_USER_INPUT");
  });
});
