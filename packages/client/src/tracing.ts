// OpenTelemetry through @opentelemetry/api only: the application decides whether anything is
// recorded (by registering a tracer provider, e.g. @opentelemetry/sdk-trace-node); without one
// every call here is the API's no-op. A handler run is a span that continues the trace of the
// node's delivery (the server's `traceparent` header), and every request to the server carries
// the active span's `traceparent`, so the server's spans for a node's reports join the same trace.
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context } from "@opentelemetry/api";

// Asked for at each span, not once at load: a provider registered later (and through the API's
// other module format, CommonJS or ESM, whose proxy this module's copy would never see) is used.
const tracer = () => trace.getTracer("@backbeat/client");

/** The W3C trace headers of the active span (none when nothing is recorded). */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}

/** The active span's W3C traceparent (undefined when nothing is recorded). */
export function activeTraceparent(): string | undefined {
  return trace.getActiveSpan()?.isRecording() ? traceHeaders().traceparent : undefined;
}

/** The context a node's stored traceparent continues (undefined: none). */
export function traceContextOf(traceparent: string | null | undefined): Context | undefined {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : undefined;
}

/** The trace context incoming HTTP headers carry (a push delivery's). */
export function traceContextFrom(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** Runs a node's handler (and its reports) inside a span `backbeat.handler <name>`. */
export function inHandlerSpan(
  node: { id: string; name: string; attempt: number },
  parent: Context | undefined,
  run: () => Promise<void>,
): Promise<void> {
  const attributes = { "backbeat.node_id": node.id, "backbeat.node_name": node.name, "backbeat.attempt": node.attempt };
  return tracer().startActiveSpan(
    `backbeat.handler ${node.name}`,
    { kind: SpanKind.CONSUMER, attributes },
    parent ?? context.active(),
    async (span) => {
      try {
        await run();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
