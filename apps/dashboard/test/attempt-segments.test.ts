import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { attemptSegments, type HistoryChange } from "../src/app/(signed-in)/workflows/[id]/attempt-segments";

const T0 = Date.parse("2026-12-07T00:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();
const server = (ms: number, toStatus: string): HistoryChange => ({ statusType: "SERVER", toStatus, createdAt: at(ms) });
const client = (ms: number, toStatus: string): HistoryChange => ({ statusType: "CLIENT", toStatus, createdAt: at(ms) });

describe("attemptSegments", () => {
  it("one send: no segments", () => {
    const changes = [
      server(0, "ready"),
      server(5, "started"),
      server(10, "sent_to_client"),
      server(90, "processing_children"),
    ];
    assert.deepEqual(attemptSegments(changes, T0, 0, 100), []);
  });

  it("a retried node: each attempt its own segment from its delivery, the retry wait between them, the last one to the bar's end", () => {
    const changes = [
      server(0, "ready"),
      server(2, "started"),
      server(4, "sent_to_client"),
      client(50, "errored"),
      server(50, "retrying"),
      server(1_050, "ready"),
      server(1_052, "started"),
      server(1_054, "sent_to_client"),
      client(1_300, "complete"),
      server(1_300, "processing_children"),
      server(1_310, "complete"),
    ];
    assert.deepEqual(attemptSegments(changes, T0, 0, 1_310), [
      { attempt: 1, start: 4, end: 50, waitEnd: 1_054 },
      { attempt: 2, start: 1_054, end: 1_310, waitEnd: null },
    ]);
  });

  it("an operator's restart of a failed node, and a node still with its client", () => {
    const changes = [
      server(10, "sent_to_client"),
      server(20, "retries_exhausted"),
      server(5_000, "ready"),
      server(5_001, "started"),
      server(5_002, "sent_to_client"),
    ];
    assert.deepEqual(attemptSegments(changes, T0, 10, 6_000), [
      { attempt: 1, start: 10, end: 20, waitEnd: 5_002 },
      { attempt: 2, start: 5_002, end: 6_000, waitEnd: null },
    ]);
  });

  it("stays inside the bar", () => {
    const changes = [server(0, "sent_to_client"), server(30, "retrying"), server(60, "sent_to_client")];
    for (const s of attemptSegments(changes, T0 - 1_000, 1_010, 1_040)) {
      assert.ok(s.start >= 1_010 && s.end <= 1_040 && (s.waitEnd ?? 1_040) <= 1_040, JSON.stringify(s));
    }
  });
});
