// Lists longer than one statement takes (db's in-chunks.ts: 1,000 rows per statement): an addChildren
// of 2,500 children and a pass that starts 1,200 of them run several statements in one transaction,
// and must answer and record exactly what one statement did: every node, in order, all or nothing,
// every transition with its audit rows.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { insertNodes, listChildren, query, ROWS_PER_STATEMENT, sql } from "@backbeat/db";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { newWorkflow, sentSignal } from "./support.ts";

describe("lists longer than one statement", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  const children = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ name: `child-${i}`, mode: "non_blocking" as const }));

  it("an addChildren of 2,500 creates every child in order, and a repeat answers the same ids", async () => {
    assert.ok(2_500 > 2 * ROWS_PER_STATEMENT, "the call takes three statements");
    const s = await sentSignal(h, (await newWorkflow(h)).id);
    const added = await h.engine.addChildren(h.caller, s.id, children(2_500), 1, "big");
    assert.deepEqual(
      added.map((n) => n.name),
      children(2_500).map((c) => c.name),
    );
    for (let i = 1; i < added.length; i++) assert.ok(added[i]!.seq > added[i - 1]!.seq, `seq grows at ${i}`);
    const stored = await listChildren(h.engine.sql, s.id);
    assert.deepEqual(
      stored.map((n) => n.id),
      added.map((n) => n.id),
    );
    assert.ok(stored.every((n) => n.serverStatus === "pending" && n.clientStatus === "pending"));

    const again = await h.engine.addChildren(h.caller, s.id, children(2_500), 1, "big");
    assert.deepEqual(
      again.map((n) => n.id),
      added.map((n) => n.id),
    );
    assert.equal((await listChildren(h.engine.sql, s.id)).length, 2_500, "the repeat created nothing");
  });

  it("a statement failing in the third thousand leaves none of the first two", async () => {
    const s = await sentSignal(h, (await newWorkflow(h)).id);
    const now = new Date();
    const nodes = children(2_500).map((c, i) => ({
      ...c,
      type: "activity" as const,
      clientData: {},
      metadata: {},
      firesAt: now,
      retriesRemaining: 6,
      retryInterval: 1200,
      parentLinkId: null,
      // No such client: the third statement breaks the foreign key.
      clientId: i === 2_400 ? randomUUID() : s.clientId,
      workflowId: s.workflowId,
      parentId: s.id,
      serverStatus: "pending" as const,
      clientStatus: "pending" as const,
    }));
    const tx = await h.engine.sql.connect();
    try {
      await tx.query("BEGIN");
      await assert.rejects(insertNodes(tx, nodes, now), /foreign key/);
      await tx.query("ROLLBACK");
    } finally {
      tx.release();
    }
    assert.equal((await listChildren(h.engine.sql, s.id)).length, 0);
  });

  it("a pass starts 1,200 ready children, each through every transition with its audit rows", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const added = await h.engine.addChildren(h.caller, s.id, children(1_200));
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await h.drain();
    const stored = await listChildren(h.engine.sql, s.id);
    assert.equal(stored.length, 1_200);
    assert.ok(
      stored.every((n) => n.serverStatus === "sent_to_client" && n.clientStatus === "received" && n.attempt === 1),
      "every child sent once",
    );
    const rows = await query<{ transition: string; count: number }>(
      h.engine.sql,
      sql`SELECT status_type || ':' || from_status || '→' || to_status AS transition, count(*)::int AS count
        FROM status_changes WHERE node_id = ANY(${added.map((n) => n.id)}::uuid[])
        GROUP BY 1 ORDER BY 1`,
    );
    assert.deepEqual(rows, [
      { transition: "client:pending→ready", count: 1_200 },
      { transition: "client:ready→received", count: 1_200 },
      { transition: "server:pending→ready", count: 1_200 },
      { transition: "server:ready→started", count: 1_200 },
      { transition: "server:started→sent_to_client", count: 1_200 },
    ]);
  });
});
