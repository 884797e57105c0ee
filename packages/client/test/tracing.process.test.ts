// OpenTelemetry traces across processes: a real OTLP/HTTP receiver (a node http server taking the
// exporters' JSON), the server process with tracing on (OTEL_EXPORTER_OTLP_ENDPOINT) and a push
// worker whose application registers a tracer provider. A signal sent with a W3C traceparent is
// followed, in that one trace, through the server's request and command spans, the delivery, the
// worker's handler run, the child it adds, and the server's spans for the completion reports.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, freePort, type TestDatabase } from "@backbeat/db/testing";
import { BackbeatClient } from "../src/index.ts";
import {
  registerClient,
  startProcess,
  startServerProcess,
  waitFor,
  type Proc,
  type ServerProc,
} from "./process-support.ts";

const WORKER = path.join(import.meta.dirname, "fixtures/traced-push-worker.ts");

type ReceivedSpan = { traceId: string; spanId: string; parentSpanId: string; name: string; service: string };
type OtlpAttribute = { key: string; value: { stringValue?: string } };
type OtlpExport = {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { spans?: { traceId: string; spanId: string; parentSpanId?: string; name: string }[] }[];
  }[];
};

/** An OTLP/HTTP trace receiver (JSON encoding, POST /v1/traces), keeping every span it is sent. */
async function startReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; server: Server }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/traces" || !req.headers["content-type"]?.includes("json")) {
        return void res.writeHead(415).end();
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as OtlpExport;
      for (const resource of body.resourceSpans ?? []) {
        const service =
          resource.resource?.attributes?.find((a) => a.key === "service.name")?.value.stringValue ?? "unknown";
        for (const scope of resource.scopeSpans ?? [])
          for (const s of scope.spans ?? [])
            spans.push({
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId ?? "",
              name: s.name,
              service,
            });
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, spans, server };
}

describe("traces from a signal to its completion (server process + SDK push worker)", () => {
  let database: TestDatabase;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let server: ServerProc;
  let worker: Proc;
  let token: string;
  const tracingEnv = () => ({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: "100" });

  before(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
    server = await startServerProcess(database.url, undefined, tracingEnv());
    const port = await freePort();
    const creds = await registerClient(server.url, "traced-shop", `http://127.0.0.1:${port}/`);
    worker = startProcess("traced-worker", [WORKER], {
      ...tracingEnv(),
      BACKBEAT_URL: server.url,
      BACKBEAT_TOKEN: creds.token,
      SIGNING_SECRET: creds.signingSecret,
      PORT: String(port),
    });
    await waitFor("the worker", () => worker.lines.includes("ready"));
    token = creds.token;
  });
  after(async () => {
    await worker?.stop();
    await server?.stop();
    receiver?.server.close();
    await database?.drop();
  });

  it("links the signal, the handler runs and the completions by one trace id", async () => {
    const traceId = randomBytes(16).toString("hex");
    const callerSpanId = randomBytes(8).toString("hex");
    // The caller's own trace: its signal request carries a traceparent.
    const caller = new BackbeatClient({
      url: server.url,
      token,
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), traceparent: `00-${traceId}-${callerSpanId}-01` },
        }),
    });
    const workflow = await caller.createWorkflow({ name: "traced purchase", subject: { order: traceId } });
    await caller.signalWorkflow(workflow.id, { name: "charge" });

    const inTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    const named = (name: string) => inTrace().filter((s) => s.name === name);
    // The charge handler, the receipt child's handler, and a completion report after each.
    await waitFor("the spans of both handler runs and their reports", () => {
      const reports = named("backbeat.reportNodeStatuses");
      return (
        named("backbeat.handler charge").length === 1 &&
        named("backbeat.handler receipt").length === 1 &&
        reports.length >= 2
      );
    });

    const byId = new Map(inTrace().map((s) => [s.spanId, s]));
    /** The names of a span's ancestors in this trace, nearest first. */
    const ancestors = (span: ReceivedSpan): string[] => {
      const names: string[] = [];
      for (let p = byId.get(span.parentSpanId); p; p = byId.get(p.parentSpanId)) names.push(p.name);
      return names;
    };
    const one = (name: string) => {
      const spans = named(name);
      assert.equal(spans.length, 1, `${name}: ${JSON.stringify(inTrace().map((s) => s.name))}`);
      return spans[0]!;
    };

    // The server continued the caller's traceparent: its request span is the caller's span's child.
    const signal = one("backbeat.signalWorkflow");
    assert.equal(signal.service, "backbeat-server");
    const request = byId.get(signal.parentSpanId)!;
    assert.match(request.name, /^mutation /);
    assert.equal(request.parentSpanId, callerSpanId);

    // The delivery continues the node's trace; the worker's handler run continues the delivery.
    const charge = one("backbeat.handler charge");
    assert.equal(charge.service, "traced-push-worker");
    assert.deepEqual(ancestors(charge).slice(0, 2), ["backbeat.deliver", "backbeat.signalWorkflow"]);

    // The child the handler added belongs to the handler's trace, and so does its own run.
    const receipt = one("backbeat.handler receipt");
    assert.deepEqual(ancestors(receipt).slice(0, 3), [
      "backbeat.deliver",
      "backbeat.addChildren",
      byId.get(one("backbeat.addChildren").parentSpanId)!.name,
    ]);
    assert.ok(ancestors(receipt).includes("backbeat.handler charge"), JSON.stringify(ancestors(receipt)));

    // The completions: the server's report command spans descend from the handler runs.
    const reportAncestors = named("backbeat.reportNodeStatuses").map(ancestors);
    for (const handler of ["backbeat.handler charge", "backbeat.handler receipt"])
      assert.ok(
        reportAncestors.some((a) => a.includes(handler)),
        `a report under ${handler}: ${JSON.stringify(reportAncestors)}`,
      );
    for (const report of named("backbeat.reportNodeStatuses")) assert.equal(report.service, "backbeat-server");
  });
});
