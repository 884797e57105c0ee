// A client's signal sends its node's insert and its workflow's pass right behind the workflow's read,
// without waiting for it (signal-workflow.ts). When the read refuses, that transaction is rolled back
// and the signal runs again step by step: every refusal answers as before and writes nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { ConflictError, NotFoundError } from "@backbeat/core";
import type { Caller } from "../src/caller.ts";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { newWorkflow, until } from "./support.ts";

describe("a client's signal sent ahead of its workflow's read", () => {
  let h: Harness;
  let stranger: Caller;
  const sent: string[] = [];
  before(async () => {
    h = await createHarness();
    const { client } = await h.engine.createClient({ name: "stranger" });
    stranger = { kind: "client", clientId: client.id };
    // Every statement the engine's connections are asked to send, in order.
    h.engine.sql.on("acquire", (client) => {
      const marked = client as pg.PoolClient & { recorded?: boolean };
      if (marked.recorded) return;
      marked.recorded = true;
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        const first = args[0] as string | { text?: string };
        sent.push(typeof first === "string" ? first : (first.text ?? ""));
        return query(...args);
      };
    });
  });
  after(() => h.close());

  const nodeCount = async (workflowId: string) =>
    (
      await h.engine.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM nodes WHERE workflow_id = $1", [
        workflowId,
      ])
    ).rows[0]!.n;

  it("sends the insert while the workflow's read still waits, and commits it once the read allows it", async () => {
    const w = await newWorkflow(h);
    // Another session holds the workflow's row: the signal's read (FOR SHARE) waits for it.
    const holder = new pg.Client({ connectionString: h.database.url });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT id FROM workflows WHERE id = $1 FOR UPDATE", [w.id]);
      sent.length = 0;
      const signal = h.engine.signalWorkflow(h.caller, w.id, { name: "ahead" });
      await until(() => sent.some((text) => /INSERT INTO nodes/.test(text)), "the insert to be sent");
      assert.ok(
        sent.findIndex((text) => /FROM workflows w WHERE w\.id = .* FOR SHARE/s.test(text)) <
          sent.findIndex((text) => /INSERT INTO nodes/.test(text)),
        "the read goes first",
      );
      await holder.query("COMMIT");
      const s = await signal;
      assert.equal(await h.status(s.id), "sent_to_client/received");
    } finally {
      await holder.end();
    }
  });

  it("another client's workflow is not found, and nothing is written", async () => {
    const w = await newWorkflow(h);
    await assert.rejects(h.engine.signalWorkflow(stranger, w.id, { name: "intruder" }), NotFoundError);
    assert.equal(await nodeCount(w.id), 0);
  });

  it("an unknown workflow is not found (not a foreign-key error)", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    await assert.rejects(h.engine.signalWorkflow(h.caller, id, { name: "nowhere" }), NotFoundError);
    assert.equal(await nodeCount(id), 0);
  });

  it("a complete workflow refuses a new signal, and answers a repeated one with its first node", async () => {
    const w = await newWorkflow(h);
    const first = await h.engine.signalWorkflow(h.caller, w.id, { name: "first", idempotencyKey: "k-1" });
    await h.engine.completeWorkflow(h.caller, w.id);
    await assert.rejects(h.engine.signalWorkflow(h.caller, w.id, { name: "late" }), ConflictError);
    const repeated = await h.engine.signalWorkflow(h.caller, w.id, { name: "first", idempotencyKey: "k-1" });
    assert.equal(repeated.id, first.id);
    assert.equal(await nodeCount(w.id), 1);
  });
});
