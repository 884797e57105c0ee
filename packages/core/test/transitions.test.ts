// The two status machines (reference §3.2), checked pair by pair against a table written out here
// independently of src/statuses.ts, and the back-off formula (reference §4.2).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  canTransitionClient,
  canTransitionServer,
  CLIENT_STATUSES,
  retryDelayMs,
  SERVER_STATUSES,
} from "../src/index.ts";

const ALL_SERVER = [
  "pending",
  "ready",
  "started",
  "sent_to_client",
  "processing_children",
  "complete",
  "errored",
  "deactivated",
  "retrying",
  "retries_exhausted",
  "paused",
] as const;

const ALL_CLIENT = [
  "pending",
  "ready",
  "received",
  "processing",
  "complete",
  "errored",
  "resolved",
  "shutdown",
] as const;

/** Reference §3.2, server status, from → allowed targets. */
const EXPECTED_SERVER: Record<(typeof ALL_SERVER)[number], string[]> = {
  pending: ["ready", "deactivated", "errored"],
  ready: ["started", "deactivated", "errored"],
  started: ["sent_to_client", "paused", "deactivated", "errored"],
  sent_to_client: ["processing_children", "retrying", "retries_exhausted", "deactivated", "errored"],
  processing_children: ["complete", "deactivated", "errored"],
  complete: ["deactivated"],
  paused: ["started", "deactivated", "errored"],
  errored: ["ready", "deactivated", "errored"],
  retrying: ["ready", "deactivated", "errored"],
  retries_exhausted: ["ready", "deactivated", "errored", "processing_children"],
  deactivated: ["deactivated"],
};

/** Reference §3.2, client status; resolved and shutdown are terminal (PRODUCT.md #4). */
const EXPECTED_CLIENT: Record<(typeof ALL_CLIENT)[number], string[]> = {
  pending: ["ready", "errored"],
  ready: ["received", "errored"],
  received: ["processing", "complete", "errored"],
  processing: ["complete", "errored"],
  errored: ["ready", "errored", "resolved", "shutdown"],
  complete: ["complete"],
  resolved: [],
  shutdown: [],
};

describe("status vocabularies", () => {
  it("the server statuses are exactly the reference's eleven", () => {
    assert.deepEqual([...SERVER_STATUSES].sort(), [...ALL_SERVER].sort());
  });

  it("the client statuses are exactly the reference's eight", () => {
    assert.deepEqual([...CLIENT_STATUSES].sort(), [...ALL_CLIENT].sort());
  });
});

describe("server transitions (every from → to pair)", () => {
  for (const from of ALL_SERVER) {
    for (const to of ALL_SERVER) {
      const allowed = EXPECTED_SERVER[from].includes(to);
      it(`${from} → ${to} is ${allowed ? "allowed" : "refused"}`, () => {
        assert.equal(canTransitionServer(from, to), allowed);
      });
    }
  }

  it("counts: 121 pairs, 33 allowed", () => {
    let allowed = 0;
    for (const from of ALL_SERVER) for (const to of ALL_SERVER) if (canTransitionServer(from, to)) allowed++;
    assert.equal(allowed, Object.values(EXPECTED_SERVER).flat().length);
    assert.equal(allowed, 33);
  });

  it("deactivated is terminal: its only way out is to itself", () => {
    assert.deepEqual(
      ALL_SERVER.filter((to) => canTransitionServer("deactivated", to)),
      ["deactivated"],
    );
  });

  it("everything can be deactivated", () => {
    for (const from of ALL_SERVER) assert.ok(canTransitionServer(from, "deactivated"), from);
  });
});

describe("client transitions (every from → to pair)", () => {
  for (const from of ALL_CLIENT) {
    for (const to of ALL_CLIENT) {
      const allowed = EXPECTED_CLIENT[from].includes(to);
      it(`${from} → ${to} is ${allowed ? "allowed" : "refused"}`, () => {
        assert.equal(canTransitionClient(from, to), allowed);
      });
    }
  }

  it("counts: 64 pairs, 14 allowed", () => {
    let allowed = 0;
    for (const from of ALL_CLIENT) for (const to of ALL_CLIENT) if (canTransitionClient(from, to)) allowed++;
    assert.equal(allowed, 14);
  });

  it("resolved and shutdown have no outgoing transitions at all", () => {
    for (const from of ["resolved", "shutdown"] as const) {
      assert.deepEqual(
        ALL_CLIENT.filter((to) => canTransitionClient(from, to)),
        [],
        from,
      );
    }
  });

  it("a late errored report on a complete node is refused (commit e1a8a9a)", () => {
    assert.equal(canTransitionClient("complete", "errored"), false);
  });
});

describe("retryDelayMs (reference §4.2)", () => {
  const MIN = 60_000;

  it("defaults (1200 s, 6 retries): the first retry waits 40 min at random 0.5", () => {
    // 6 retries, the first error leaves 5: 1200 s × 1.0 × 2^(6−5).
    assert.equal(retryDelayMs(1200, 5, 0.5), 40 * MIN);
  });

  it("doubles with each retry used: 40, 80, 160, 320, 640, 1280 min", () => {
    const delays = [5, 4, 3, 2, 1, 0].map((left) => retryDelayMs(1200, left, 0.5) / MIN);
    assert.deepEqual(delays, [40, 80, 160, 320, 640, 1280]);
  });

  it("jitter is ×0.8 at random 0 and just under ×1.2 at random → 1", () => {
    assert.equal(retryDelayMs(1200, 5, 0), 0.8 * 40 * MIN);
    const high = retryDelayMs(1200, 5, 0.999999);
    assert.ok(high < 1.2 * 40 * MIN, `${high} < 48 min`);
    assert.ok(high > 1.1999 * 40 * MIN, `${high} ≈ 48 min`);
    assert.equal(retryDelayMs(1200, 5, 1), 1.2 * 40 * MIN, "the formula's upper bound");
  });

  it("stays within [0.8, 1.2] × base for any random in [0, 1)", () => {
    for (const r of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999]) {
      const d = retryDelayMs(60, 3, r);
      assert.ok(d >= 0.8 * 60_000 * 8 && d <= 1.2 * 60_000 * 8, `random ${r}: ${d}`);
    }
  });

  it("more than 6 retries configured: the delay stays at the interval until fewer than 6 remain", () => {
    assert.equal(retryDelayMs(1200, 9, 0.5), 1200_000);
    assert.equal(retryDelayMs(1200, 7, 0.5), 1200_000);
    assert.equal(retryDelayMs(1200, 6, 0.5), 1200_000);
    assert.equal(retryDelayMs(1200, 5, 0.5), 2400_000);
  });

  it("is in milliseconds and scales with the interval", () => {
    assert.equal(retryDelayMs(1, 6, 0.5), 1000);
    assert.equal(retryDelayMs(30, 5, 0.5), 60_000);
    assert.equal(retryDelayMs(21600, 5, 0.5), 2 * 21600_000);
  });
});
