// A pull worker's slot is free once a handler returns (run-node.ts, onHandlerDone): the worker's next
// node starts while the report is on its way, so a worker is not idle for a round trip per node.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BackbeatClient } from "../src/client.ts";
import { ReportBatcher, type NodeReport } from "../src/report-batcher.ts";
import { runNode, type PushedNode } from "../src/run-node.ts";
import { applied } from "./report-results.ts";

const node: PushedNode = {
  id: "5b1a3c52-3f4e-4b43-9a57-0f4b9a0c2d11",
  name: "quick",
  mode: "non_blocking",
  type: "activity",
  workflowId: "0d1f5a8e-7a9b-4c3d-8e2f-1a2b3c4d5e6f",
  workflowName: "wf",
  parentId: null,
  clientId: "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
  clientData: {},
  metadata: {},
  subject: {},
  decider: "wf",
  currentServerStatus: "sent_to_client",
  currentClientStatus: "received",
  firesAt: new Date(0).toISOString(),
  completeBy: null,
  retriesRemaining: 4,
  attempt: 1,
  createdAt: new Date(0).toISOString(),
  traceparent: null,
};

describe("a handler's slot", () => {
  it("is free once the handler returns, while its report is still unanswered", async () => {
    const sent: NodeReport[][] = [];
    let answer: () => void = () => {};
    const reports = new ReportBatcher(async (batch) => {
      sent.push(batch);
      await new Promise<void>((resolve) => (answer = resolve));
      return batch.map(applied);
    });
    const events: string[] = [];
    const work = runNode(node, "activity", {
      // Never called: the handler adds no children.
      client: new BackbeatClient({ url: "http://127.0.0.1:1/graphql", token: "unused" }),
      reports,
      handlers: { quick: () => (events.push("handler returned"), 42) },
      onError: (error) => events.push(`error ${String(error)}`),
      onHandlerDone: () => events.push("slot free"),
    });
    void work.then(() => events.push("reported"));
    for (let turn = 0; sent.length === 0; turn++) {
      assert.ok(turn < 100, "the report is sent");
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(events, ["handler returned", "slot free"], "the slot is free before the answer");
    assert.deepEqual(
      sent[0]!.map((r) => [r.status, r.response]),
      [["COMPLETED", { result: 42 }]],
    );
    answer();
    await work;
    assert.deepEqual(events, ["handler returned", "slot free", "reported"]);
  });
});
