// Tracing's switch and its meeting with the logs: off unless OTEL_EXPORTER_OTLP_ENDPOINT or
// BACKBEAT_TRACING=1; on, a log line written inside a recorded span names its trace and span
// (the spans themselves, end to end, are checked by packages/client/test/tracing.process.test.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { trace } from "@opentelemetry/api";
import { jsonLogger } from "@backbeat/engine";
import { freePort } from "@backbeat/db/testing";
import { startTracing, tracingWanted } from "../src/tracing.ts";

describe("tracing setup", () => {
  it("is off by default", async () => {
    assert.equal(tracingWanted({}), false);
    assert.equal(tracingWanted({ BACKBEAT_TRACING: "0" }), false);
    assert.equal(tracingWanted({ BACKBEAT_TRACING: "1" }), true);
    assert.equal(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }), true);
    assert.equal(await startTracing({}, "off"), null);
  });

  it("on, log lines inside a span carry its traceId and spanId; lines outside spans do not", async () => {
    const lines: string[] = [];
    const log = jsonLogger("info", (line) => lines.push(line));
    // Nothing listens there: the spans' export fails, which must not matter to the process.
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const tracing = await startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }, "tracing-setup-test");
    assert.ok(tracing);
    try {
      log("info", "outside");
      const ids = await trace.getTracer("test").startActiveSpan("work", async (span) => {
        await Promise.resolve(); // across an await, as in a request
        log("info", "inside", { requestId: "r-1" });
        span.end();
        return span.spanContext();
      });
      const [outside, inside] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.equal(outside!.traceId, undefined);
      assert.equal(inside!.traceId, ids.traceId);
      assert.equal(inside!.spanId, ids.spanId);
      assert.equal(inside!.requestId, "r-1");
    } finally {
      await tracing.shutdown().catch(() => {});
    }
  });
});
