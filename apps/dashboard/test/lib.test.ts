import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { actorLabel } from "../src/lib/actor";
import { describeError, GraphQLRequestError } from "../src/lib/graphql-error";
import { hrefWith, param, pick, utcIso } from "../src/lib/search-params";
import { statusTone } from "../src/lib/statuses";
import { compareIds } from "../src/lib/tree-node";

describe("search params", () => {
  it("reads the first non-empty value and keeps only set filters", () => {
    const params = { name: ["camera purchase", "x"], subject: "  ", currentStatus: "errored" };
    assert.equal(param(params, "name"), "camera purchase");
    assert.equal(param(params, "subject"), undefined);
    assert.deepEqual(pick(params, ["name", "subject", "currentStatus", "pastStatus"]), {
      name: "camera purchase",
      currentStatus: "errored",
    });
  });

  it("builds links that keep the filters and drop unset ones", () => {
    assert.equal(hrefWith("/nodes", { name: "a b", after: undefined, bulk: "RETRY" }), "/nodes?name=a+b&bulk=RETRY");
    assert.equal(hrefWith("/nodes", {}), "/nodes");
  });

  it("reads datetime-local values as UTC and refuses non-dates", () => {
    assert.equal(utcIso("2026-11-29T20:15"), "2026-11-29T20:15:00.000Z");
    assert.equal(utcIso("2026-11-29T20:15:30+01:00"), "2026-11-29T19:15:30.000Z");
    assert.equal(utcIso("yesterday"), undefined);
    assert.equal(utcIso(undefined), undefined);
  });
});

describe("describeError", () => {
  it("says a CONFLICT's current and attempted status in words", () => {
    const error = new GraphQLRequestError([
      {
        message: "Cannot change client status from complete to ready",
        extensions: { code: "CONFLICT", currentStatus: "retries_exhausted", attemptedStatus: "ready" },
      },
    ]);
    assert.deepEqual(describeError(error), {
      code: "CONFLICT",
      message:
        "Refused: Cannot change client status from complete to ready (the node is retries exhausted; it cannot become ready).",
    });
  });

  it("does not repeat statuses the message already names", () => {
    const error = new GraphQLRequestError([
      {
        message: "Node n is complete/complete",
        extensions: { code: "CONFLICT", currentStatus: "complete/complete", attemptedStatus: "ready" },
      },
    ]);
    assert.equal(describeError(error).message, "Refused: Node n is complete/complete.");
  });

  it("keeps the code of other errors and explains an unreachable server", () => {
    assert.equal(
      describeError(
        new GraphQLRequestError([{ message: "Only operators may do this", extensions: { code: "FORBIDDEN" } }]),
      ).code,
      "FORBIDDEN",
    );
    assert.match(
      describeError(new GraphQLRequestError([{ message: "connect ECONNREFUSED", extensions: { code: "NETWORK" } }]))
        .message,
      /could not be reached: connect ECONNREFUSED/,
    );
  });
});

describe("tree merge rules", () => {
  it("orders status change ids numerically", () => {
    assert.deepEqual(["10", "9", "100", "11"].sort(compareIds), ["9", "10", "11", "100"]);
  });
});

describe("status tones", () => {
  it("colours errors and successes apart, whatever the case", () => {
    assert.equal(statusTone("RETRIES_EXHAUSTED"), "bad");
    assert.equal(statusTone("complete"), "ok");
    assert.equal(statusTone("sent_to_client"), "busy");
    assert.equal(statusTone("something new"), "idle");
  });
});

describe("actorLabel", () => {
  it("names clients and operators, and keeps the engine as it is", () => {
    const clients = { "c-1": "camera-shop" };
    assert.equal(actorLabel("client:c-1", clients), "client camera-shop");
    assert.equal(actorLabel("client:c-2", clients), "client c-2");
    assert.equal(actorLabel("operator:admin", clients), "operator admin");
    assert.equal(actorLabel("engine", clients), "engine");
  });
});
