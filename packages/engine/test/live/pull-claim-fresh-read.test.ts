// A pull claim reads the nodes it locked in the same statement (claim-pull-nodes.ts), through
// backbeat_nodes_now: that read must see what committed after the statement's snapshot was taken
// (a node finished by another process's worker just before the lock), or a finished node would be
// handed out again.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { createHarness, type Harness } from "../../src/testing/index.ts";
import { newWorkflow } from "../support.ts";

const GATE = 424_242;

describe("backbeat_nodes_now", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it("sees a change committed while its statement was waiting for a lock", async () => {
    const w = await newWorkflow(h);
    const s = await h.engine.signalWorkflow(h.caller, w.id, { name: "claimed" });
    const [gateHolder, claimer] = [new pg.Client(h.database.url), new pg.Client(h.database.url)];
    await Promise.all([gateHolder.connect(), claimer.connect()]);
    const { rows: pid } = await claimer.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    try {
      await gateHolder.query("SELECT pg_advisory_lock($1)", [GATE]);
      // Its snapshot is taken now; the function runs only once the gate (like a claim's lock) is passed.
      const statement = claimer.query<{ snapshot: string; now: string }>(
        `WITH gate AS MATERIALIZED (SELECT pg_advisory_lock($2))
         SELECT (SELECT server_status FROM nodes WHERE id = $1::uuid) AS snapshot,
           (SELECT n.server_status FROM backbeat_nodes_now(ARRAY(SELECT $1::uuid FROM gate)) n) AS now`,
        [s.id, GATE],
      );
      for (let i = 0; ; i++) {
        const { rows } = await gateHolder.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1 AND wait_event = 'advisory'",
          [pid[0]!.pid],
        );
        if (rows[0]!.n === 1) break;
        assert.ok(i < 250, "the statement waits at the gate");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await h.engine.reportNodeStatus(h.caller, s.id, "deciding");
      await h.engine.reportNodeStatus(h.caller, s.id, "deciding_complete");
      await gateHolder.query("SELECT pg_advisory_unlock($1)", [GATE]);
      const { rows } = await statement;
      assert.deepEqual(rows[0], { snapshot: "sent_to_client", now: "complete" });
    } finally {
      await Promise.all([gateHolder.end(), claimer.end()]);
    }
  });
});
