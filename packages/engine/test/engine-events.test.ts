// The engine's event seam (engine-events.ts): committed status changes are reported once, after
// commit, aggregated per (type, target status), and exactly as many as the audit log holds; a
// rolled-back transaction reports nothing; every delivery reports its outcome.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findNode, transitionNode } from "@backbeat/db";
import type { EngineEventMap } from "../src/engine-events.ts";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { inTransaction } from "../src/transaction.ts";
import { newWorkflow, signalWithChildren } from "./support.ts";

describe("engine events", () => {
  let h: Harness;
  const transitions = new Map<string, number>();
  const delivered: EngineEventMap["delivered"][] = [];
  before(async () => {
    h = await createHarness();
    h.engine.events.on("transitions", (e) => {
      const k = `${e.statusType}:${e.to}`;
      transitions.set(k, (transitions.get(k) ?? 0) + e.count);
    });
    h.engine.events.on("delivered", (e) => delivered.push(e));
  });
  after(() => h.close());

  it("reports exactly the status changes of the audit log, and every delivery", async () => {
    const { kids } = await signalWithChildren(h, [{ name: "a" }, { name: "b", mode: "non_blocking" }]);
    await h.drain();
    await h.engine.reportNodeStatus(h.caller, kids[0]!.id, "completed");
    await h.drain();
    const rows = await h.engine.sql.query<{ k: string; n: number }>(
      `SELECT status_type || ':' || to_status AS k, count(*)::int AS n FROM status_changes GROUP BY 1 ORDER BY 1`,
    );
    assert.deepEqual(
      [...transitions].sort(([a], [b]) => (a < b ? -1 : 1)),
      rows.rows.map((r) => [r.k, r.n]),
    );
    assert.ok(delivered.length >= 3, "the signal and both children were POSTed");
    assert.ok(delivered.every((d) => d.kind === "deliver" && d.ok && d.latencyMs === 0 && d.reason === undefined));
  });

  it("a transaction that rolls back reports nothing", async () => {
    const { kids } = await signalWithChildren(h, [{ name: "c" }]);
    await h.drain();
    const before = new Map(transitions);
    const node = (await findNode(h.engine.sql, kids[0]!.id))!;
    await assert.rejects(
      inTransaction(h.engine.context, async (t) => {
        await transitionNode(t.tx, node, { steps: [{ type: "client", to: "processing" }], now: t.now });
        throw new Error("rolled back on purpose");
      }),
      /rolled back on purpose/,
    );
    assert.deepEqual(transitions, before);
  });

  it("a failed delivery reports its reason", async () => {
    h.fake.respond = () => 503;
    try {
      delivered.length = 0;
      const w = await newWorkflow(h);
      await h.engine.signalWorkflow(h.caller, w.id, { name: "refused" });
      await h.drain();
    } finally {
      h.fake.respond = () => 200;
    }
    assert.deepEqual(
      delivered.map((d) => [d.kind, d.ok, d.reason]),
      [["deliver", false, "http_error"]],
    );
  });
});
