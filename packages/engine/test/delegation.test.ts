// Delegation is explicit (issue 10): a client may assign a node to another client only if that
// client accepts work from it (an operator-set list). Otherwise the answer is NOT_FOUND, word for
// word what a random id gets, so client ids cannot be probed. A delegated node shows its workflow
// to the client that runs it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findNodeWorkflow, readPulledNodes } from "@backbeat/db";
import type { Caller } from "../src/caller.ts";
import { createHarness, type Harness } from "../src/testing/index.ts";
import { newWorkflow, rejectsWith, sentSignal, snapshot } from "./support.ts";

const RANDOM_ID = "0f0e0d0c-0b0a-4909-8807-060504030201";

/** A refusal's message with the id it names taken out: what a prober could compare. */
const shape = (message: string, id: string) => message.replace(id, "<id>");

describe("delegation", () => {
  let h: Harness;
  let runner: Caller & { kind: "client" };
  let third: Caller & { kind: "client" };
  before(async () => {
    h = await createHarness();
    const pull = (name: string) => h.engine.createClient({ name });
    runner = { kind: "client", clientId: (await pull("runner")).client.id };
    third = { kind: "client", clientId: (await pull("third")).client.id };
  });
  after(() => h.close());

  it("a client that does not accept work answers NOT_FOUND, exactly as a random id, and nothing is created", async () => {
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const before = await snapshot(h, w.id);
    const refusals = [];
    for (const id of [RANDOM_ID, runner.clientId]) {
      const child = await rejectsWith(h.engine.addChildren(h.caller, s.id, [{ name: "x", clientId: id }]), "NOT_FOUND");
      const signal = await rejectsWith(
        h.engine.signalWorkflow(h.caller, w.id, { name: "x", clientId: id }),
        "NOT_FOUND",
      );
      refusals.push([shape(child.message, id), child.name, shape(signal.message, id), signal.name]);
    }
    assert.deepEqual(refusals[0], refusals[1], "a real client that does not accept looks like a random id");
    assert.equal(refusals[0]![0], "Client <id> not found");
    assert.deepEqual(await snapshot(h, w.id), before, "nothing changed");
  });

  it("once it accepts work from the client, the node is its own to run, with its workflow", async () => {
    await h.engine.setClientDelegation(runner.clientId, [h.caller.clientId]);
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const [theirs] = await h.engine.addChildren(h.caller, s.id, [{ name: "theirs", clientId: runner.clientId }]);
    const delegatedSignal = await h.engine.signalWorkflow(h.caller, w.id, { name: "sig", clientId: runner.clientId });
    assert.equal(theirs!.clientId, runner.clientId);
    assert.equal(delegatedSignal.clientId, runner.clientId);

    // The runner reads the workflow of its node (the API's Node.workflow) and a pull claim carries it.
    const scope = { clientId: runner.clientId };
    assert.equal((await findNodeWorkflow(h.engine.sql, scope, theirs!.id))?.name, w.name);
    assert.equal((await readPulledNodes(h.engine.sql, [theirs!.id])).get(theirs!.id)?.workflow?.name, w.name);
    // Not through nodes it does not run, and no other client sees it.
    assert.equal(await findNodeWorkflow(h.engine.sql, scope, s.id), null);
    assert.equal(await findNodeWorkflow(h.engine.sql, { clientId: third.clientId }, theirs!.id), null);

    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await h.drain();
    await h.engine.reportNodeStatus(runner, theirs!.id, "completed");
    await h.drain();
    assert.equal(await h.status(theirs!.id), "complete/complete");
  });

  it("the list is replaced: an empty one ends the delegation", async () => {
    await h.engine.setClientDelegation(runner.clientId, [h.caller.clientId]);
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const [earlier] = await h.engine.addChildren(h.caller, s.id, [{ name: "earlier", clientId: runner.clientId }]);
    const client = await h.engine.setClientDelegation(runner.clientId, []);
    assert.deepEqual(client.acceptsWorkFrom, []);
    await rejectsWith(h.engine.addChildren(h.caller, s.id, [{ name: "x", clientId: runner.clientId }]), "NOT_FOUND");
    // Its earlier node's workflow is no longer its to read either.
    assert.equal(await findNodeWorkflow(h.engine.sql, { clientId: runner.clientId }, earlier!.id), null);
    assert.equal((await readPulledNodes(h.engine.sql, [earlier!.id])).get(earlier!.id)?.workflow, undefined);
  });

  it("a delegate cannot pass work on to a client that accepts it but not the workflow's owner", async () => {
    await h.engine.setClientDelegation(runner.clientId, [h.caller.clientId]);
    await h.engine.setClientDelegation(third.clientId, [runner.clientId]);
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const [theirs] = await h.engine.addChildren(h.caller, s.id, [{ name: "theirs", clientId: runner.clientId }]);
    await h.engine.reportNodeStatus(h.caller, s.id, "completed");
    await h.drain();
    await rejectsWith(h.engine.addChildren(runner, theirs!.id, [{ name: "x", clientId: third.clientId }]), "NOT_FOUND");
    // Accepting the owner too makes it possible.
    await h.engine.setClientDelegation(third.clientId, [runner.clientId, h.caller.clientId]);
    const [passed] = await h.engine.addChildren(runner, theirs!.id, [{ name: "x", clientId: third.clientId }]);
    assert.equal(passed!.clientId, third.clientId);
    await h.engine.setClientDelegation(third.clientId, []);
  });

  it("operators may assign to any client; a random id is NOT_FOUND for them too", async () => {
    await h.engine.setClientDelegation(runner.clientId, []);
    const w = await newWorkflow(h);
    const s = await sentSignal(h, w.id);
    const [assigned] = await h.engine.addChildren(h.operator, s.id, [{ name: "x", clientId: runner.clientId }]);
    assert.equal(assigned!.clientId, runner.clientId);
    // Not accepted: the runner runs it but does not see the workflow.
    assert.equal(await findNodeWorkflow(h.engine.sql, { clientId: runner.clientId }, assigned!.id), null);
    await rejectsWith(h.engine.addChildren(h.operator, s.id, [{ name: "x", clientId: RANDOM_ID }]), "NOT_FOUND");
  });

  it("setting the list checks its ids", async () => {
    await rejectsWith(h.engine.setClientDelegation(RANDOM_ID, []), "NOT_FOUND");
    await rejectsWith(h.engine.setClientDelegation(runner.clientId, [RANDOM_ID]), "BAD_USER_INPUT");
    await rejectsWith(h.engine.setClientDelegation(runner.clientId, ["nope"]), "BAD_USER_INPUT");
    await rejectsWith(h.engine.setClientDelegation("nope", []), "BAD_USER_INPUT");
    const client = await h.engine.setClientDelegation(runner.clientId, [
      h.caller.clientId,
      h.caller.clientId.toUpperCase(),
      runner.clientId,
    ]);
    assert.deepEqual(client.acceptsWorkFrom, [h.caller.clientId], "deduplicated, without itself");
  });
});
