// A signal's pass runs in the signal's own transaction (run-pass.ts, runPassNow): the node is sent
// as the signal commits, with no job left behind, and never beside another pass on the workflow.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { audit, newWorkflow, until } from "./support.ts";

describe("a signal's pass", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  async function passJobs(): Promise<number> {
    const { rows } = await h.engine.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM jobs WHERE kind = 'pass'");
    return rows[0]!.n;
  }

  it("sends the node as the signal commits, through every transition, and leaves no job", async () => {
    const w = await newWorkflow(h);
    const s = await h.engine.signalWorkflow(h.caller, w.id, { name: "now" });
    assert.equal(await h.status(s.id), "sent_to_client/received");
    assert.equal(await passJobs(), 0);
    assert.deepEqual(await audit(h, s.id), [
      "server:ready→started",
      "server:started→sent_to_client",
      "client:ready→received",
    ]);
  });

  it("waits for a pass already running on the workflow, then sees what it did", async () => {
    const w = await newWorkflow(h);
    const first = await h.engine.signalWorkflow(h.caller, w.id, { name: "first" });
    await h.engine.reportNodeStatus(h.caller, first.id, "deciding");
    await h.engine.reportNodeStatus(h.caller, first.id, "deciding_complete");
    // The first signal is complete; its workflow pass is queued. Claim that job as a job loop would,
    // and hold it (the pass "running").
    const running = new pg.Client({ connectionString: h.database.url });
    await running.connect();
    try {
      await running.query("BEGIN");
      const claimed = await running.query(
        "SELECT id FROM jobs WHERE kind = 'pass' AND workflow_id = $1 FOR UPDATE SKIP LOCKED",
        [w.id],
      );
      assert.equal(claimed.rowCount, 1, "the first signal's completion queued a workflow pass");

      const second = h.engine.signalWorkflow(h.caller, w.id, { name: "second" });
      await until(async () => {
        const { rows } = await h.engine.sql.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
        );
        return rows[0]!.n > 0;
      }, "the signal to wait for the running pass's job row");

      // The running pass ends (its job deleted with it); the signal goes on and runs its own pass.
      await running.query("DELETE FROM jobs WHERE id = $1", [claimed.rows[0]!.id]);
      await running.query("COMMIT");
      const s2 = await second;
      assert.equal(await h.status(s2.id), "sent_to_client/received");
      assert.equal(await passJobs(), 0);
    } finally {
      await running.end();
    }
  });

  it("a signal behind an unfinished one waits, and starts with the first one's completion", async () => {
    const w = await newWorkflow(h);
    const first = await h.engine.signalWorkflow(h.caller, w.id, { name: "first" });
    const second = await h.engine.signalWorkflow(h.caller, w.id, { name: "second" });
    assert.equal(await h.status(second.id), "ready/ready");
    await h.engine.reportNodeStatus(h.caller, first.id, "deciding");
    await h.engine.reportNodeStatus(h.caller, first.id, "deciding_complete");
    await h.drain();
    assert.equal(await h.status(second.id), "sent_to_client/received");
  });
});
