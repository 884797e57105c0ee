// OpenTelemetry traces across processes: a real OTLP/HTTP receiver (a node http server taking the
// exporters' JSON), the server process with tracing on (OTEL_EXPORTER_OTLP_ENDPOINT), and a push or
// a pull worker whose application registers a tracer provider. A signal sent with a W3C traceparent
// is followed, in that one trace, through the server's request and command spans, the node's
// delivery (push) or hand-over (pull), the worker's handler run, the child it adds and that child's
// run, and the server's spans for the completion reports (over HTTP, or the pull worker's WebSocket).
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

const WORKER = path.join(import.meta.dirname, "fixtures/traced-worker.ts");

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

describe("traces from a signal to its completion (server process + SDK workers)", () => {
  let database: TestDatabase;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let server: ServerProc;
  const workers: Proc[] = [];
  const tracingEnv = () => ({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: "100" });

  before(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
    server = await startServerProcess(database.url, undefined, tracingEnv());
  });
  after(async () => {
    for (const worker of workers) await worker.stop();
    await server?.stop();
    receiver?.server.close();
    await database?.drop();
  });

  /** A client of its own and a worker for it; the token. */
  async function startWorker(mode: "push" | "pull"): Promise<string> {
    const port = await freePort();
    const endpoint = mode === "push" ? `http://127.0.0.1:${port}/` : undefined;
    const creds = await registerClient(server.url, `traced-${mode}`, endpoint);
    const worker = startProcess(`traced-${mode}-worker`, [WORKER], {
      ...tracingEnv(),
      WORKER_MODE: mode,
      BACKBEAT_URL: server.url,
      BACKBEAT_TOKEN: creds.token,
      SIGNING_SECRET: creds.signingSecret,
      PORT: String(port),
    });
    workers.push(worker);
    await waitFor(`the ${mode} worker`, () => worker.lines.includes("ready"));
    return creds.token;
  }

  /** Signals "charge" with a traceparent of the caller's and waits for the spans of both runs and reports. */
  async function followSignal(token: string) {
    const traceId = randomBytes(16).toString("hex");
    const callerSpanId = randomBytes(8).toString("hex");
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
    await waitFor("the spans of both handler runs and of their completion reports", () => {
      return (
        named("backbeat.handler charge").length === 1 &&
        named("backbeat.handler receipt").length === 1 &&
        named("backbeat.report completed").length === 2
      );
    });
    const byId = new Map(inTrace().map((s) => [s.spanId, s]));
    return {
      callerSpanId,
      named,
      byId,
      /** The names of a span's ancestors in this trace, nearest first. */
      ancestors: (span: ReceivedSpan): string[] => {
        const names: string[] = [];
        for (let p = byId.get(span.parentSpanId); p; p = byId.get(p.parentSpanId)) names.push(p.name);
        return names;
      },
      one: (name: string) => {
        const spans = named(name);
        assert.equal(spans.length, 1, `${name}: ${JSON.stringify(inTrace().map((s) => s.name))}`);
        return spans[0]!;
      },
    };
  }

  it("push: links the signal, the deliveries, the handler runs and the completions by one trace id", async () => {
    const t = await followSignal(await startWorker("push"));

    // The server continued the caller's traceparent: its request span is the caller's span's child.
    const signal = t.one("backbeat.signalWorkflow");
    assert.equal(signal.service, "backbeat-server");
    const request = t.byId.get(signal.parentSpanId)!;
    assert.match(request.name, /^mutation /);
    assert.equal(request.parentSpanId, t.callerSpanId);

    // The delivery continues the node's trace; the worker's handler run continues the delivery.
    const charge = t.one("backbeat.handler charge");
    assert.equal(charge.service, "traced-push-worker");
    assert.deepEqual(t.ancestors(charge).slice(0, 2), ["backbeat.deliver", "backbeat.signalWorkflow"]);

    // The child the handler added belongs to the handler's trace, and so does its own run.
    const receipt = t.one("backbeat.handler receipt");
    assert.deepEqual(t.ancestors(receipt).slice(0, 2), ["backbeat.deliver", "backbeat.addChildren"]);
    assert.ok(t.ancestors(receipt).includes("backbeat.handler charge"), JSON.stringify(t.ancestors(receipt)));

    // The completions: each handler run's report is a server span under that run.
    const reports = t.named("backbeat.report completed");
    for (const report of reports) assert.equal(report.service, "backbeat-server");
    assert.deepEqual(reports.map((r) => t.byId.get(r.parentSpanId)?.name).sort(), [
      "backbeat.handler charge",
      "backbeat.handler receipt",
    ]);
  });

  it("pull: the node's trace reaches the pull worker, and its reports over the WebSocket", async () => {
    const t = await followSignal(await startWorker("pull"));

    // Handed over by nodesToRun with its traceparent: the run continues the signal's command span.
    const charge = t.one("backbeat.handler charge");
    assert.equal(charge.service, "traced-pull-worker");
    assert.equal(t.byId.get(charge.parentSpanId)?.name, "backbeat.signalWorkflow");
    const receipt = t.one("backbeat.handler receipt");
    assert.equal(t.byId.get(receipt.parentSpanId)?.name, "backbeat.addChildren");
    assert.ok(t.ancestors(receipt).includes("backbeat.handler charge"), JSON.stringify(t.ancestors(receipt)));

    // Reports sent on the worker's WebSocket carry their run's traceparent each.
    const reports = t.named("backbeat.report completed");
    assert.deepEqual(reports.map((r) => t.byId.get(r.parentSpanId)?.name).sort(), [
      "backbeat.handler charge",
      "backbeat.handler receipt",
    ]);
  });
});
