// The request span (trace-requests.ts) over real HTTP: it continues the caller's traceparent, is
// named by the route (never by a path with ids in it), and marks server errors.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-node";
import express from "express";
import { traceRequests } from "../src/trace-requests.ts";

describe("traceRequests", () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let base = "";
  let close = () => {};
  before(async () => {
    provider.register();
    const app = express();
    app.use(traceRequests());
    const router = express.Router();
    router.get("/nodes/:id", (_req, res) => void res.json({ ok: true }));
    router.get("/boom", (_req, res) => void res.status(500).end());
    app.use("/v2", router);
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  after(async () => {
    close();
    await provider.shutdown();
  });

  /** The span of one request, once it has ended (the response's close). */
  async function spanOf(path: string, headers: Record<string, string> = {}) {
    exporter.reset();
    await (await fetch(`${base}${path}`, { headers })).arrayBuffer();
    for (let i = 0; i < 100 && exporter.getFinishedSpans().length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const [span] = exporter.getFinishedSpans();
    assert.ok(span, `a span for ${path}`);
    return span;
  }

  it("continues the caller's traceparent and is named by the route, not the path", async () => {
    const traceId = "0af7651916cd43dd8448eb211c80319c";
    const span = await spanOf("/v2/nodes/6f1c6f8e-9d3e-4c55-8c1a-1f2e3d4c5b6a", {
      traceparent: `00-${traceId}-b7ad6b7169203331-01`,
    });
    assert.equal(span.name, "GET /v2/nodes/:id");
    assert.equal(span.spanContext().traceId, traceId);
    assert.equal(span.parentSpanContext?.spanId, "b7ad6b7169203331");
    assert.equal(span.attributes["http.response.status_code"], 200);
  });

  it("marks a 5xx answer as an error; an unknown path is named by its method only", async () => {
    const boom = await spanOf("/v2/boom");
    assert.equal(boom.status.code, 2); // SpanStatusCode.ERROR
    const unknown = await spanOf("/no/such/path/123");
    assert.equal(unknown.name, "GET");
    assert.equal(unknown.attributes["http.response.status_code"], 404);
  });
});
