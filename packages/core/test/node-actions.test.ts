// The actions offered for every server/client status pair, against the transition tables read as
// data: an action is offered only where every step it writes is in the tables, and the expected sets
// are spelled out here independently of node-actions.ts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  allowedNodeActions,
  CLIENT_STATUSES,
  CLIENT_TRANSITIONS,
  NODE_ACTION_RULES,
  NODE_ACTIONS,
  recommendedNodeAction,
  SERVER_STATUSES,
  SERVER_TRANSITIONS,
  type ClientStatus,
  type NodeAction,
  type ServerStatus,
} from "../src/index.ts";

const PAIRS = SERVER_STATUSES.flatMap((serverStatus) =>
  CLIENT_STATUSES.map((clientStatus) => ({ serverStatus, clientStatus })),
);

/** What each action should allow, written out by hand from reference §4.6 and the tables. */
const EXPECTED: Record<NodeAction, (s: ServerStatus, c: ClientStatus) => boolean> = {
  restart: (s, c) =>
    ["pending", "errored", "retrying", "retries_exhausted"].includes(s) && ["pending", "errored"].includes(c),
  resolve: (s, c) => c === "errored" && ["sent_to_client", "retries_exhausted"].includes(s),
  shutdown: (s, c) => c === "errored" && ["sent_to_client", "retries_exhausted"].includes(s),
  cancel: (s) => s !== "complete" && s !== "deactivated",
  reset: (s) => s !== "complete" && s !== "deactivated",
  schedule: (s) => s === "processing_children",
};

describe("allowedNodeActions", () => {
  it("offers an action only where the transition tables allow every step it writes", () => {
    for (const node of PAIRS) {
      for (const action of allowedNodeActions(node)) {
        const rule = NODE_ACTION_RULES[action];
        const where = `${action} on ${node.serverStatus}/${node.clientStatus}`;
        if (rule.server) assert.ok(SERVER_TRANSITIONS[node.serverStatus].includes(rule.server), where);
        if (rule.client) assert.ok(CLIENT_TRANSITIONS[node.clientStatus].includes(rule.client), where);
      }
    }
  });

  it("matches the expected set for every status pair", () => {
    for (const { serverStatus, clientStatus } of PAIRS) {
      const expected = NODE_ACTIONS.filter((a) => EXPECTED[a](serverStatus, clientStatus));
      assert.deepEqual(allowedNodeActions({ serverStatus, clientStatus }), expected, `${serverStatus}/${clientStatus}`);
    }
  });

  it("offers nothing on a finished node", () => {
    for (const serverStatus of ["complete", "deactivated"] as const)
      for (const clientStatus of CLIENT_STATUSES)
        assert.deepEqual(allowedNodeActions({ serverStatus, clientStatus }), [], `${serverStatus}/${clientStatus}`);
  });
});

describe("recommendedNodeAction", () => {
  it("recommends restart for a failed node, and only an allowed action", () => {
    assert.equal(recommendedNodeAction({ serverStatus: "retries_exhausted", clientStatus: "errored" }), "restart");
    assert.equal(recommendedNodeAction({ serverStatus: "errored", clientStatus: "errored" }), "restart");
    assert.equal(recommendedNodeAction({ serverStatus: "complete", clientStatus: "complete" }), null);
    assert.equal(recommendedNodeAction({ serverStatus: "sent_to_client", clientStatus: "processing" }), null);
    for (const node of PAIRS) {
      const recommended = recommendedNodeAction(node);
      if (recommended)
        assert.ok(allowedNodeActions(node).includes(recommended), `${node.serverStatus}/${node.clientStatus}`);
    }
  });
});
