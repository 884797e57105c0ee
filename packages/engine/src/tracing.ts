// Spans through @opentelemetry/api alone: while no tracer provider is registered (the server
// registers one only when tracing is configured) every span here is the API's no-op, so tracing
// off costs a few object allocations per command and nothing else. A node carries the W3C
// traceparent of the span that created it, so its deliveries continue that trace from the scheduler.
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
} from "@opentelemetry/api";

// Asked for at each span, not once at load: a provider registered later (and through the API's
// other module format, CommonJS or ESM, whose proxy this module's copy would never see) is used.
const tracer = () => trace.getTracer("@backbeat/engine");

/** Runs `run` inside a span `name` (a child of `parent`, else of the active span); records a throw. */
export function inSpan<T>(
  name: string,
  run: () => Promise<T>,
  options: { attributes?: Attributes; parent?: Context } = {},
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { attributes: options.attributes },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await run();
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** The active span's W3C traceparent; null when tracing is off or no span is recording. */
export function activeTraceparent(): string | null {
  if (!trace.getActiveSpan()?.isRecording()) return null;
  return activeTraceHeaders().traceparent ?? null;
}

/** The context a stored traceparent continues (none: a new trace). */
export function traceContextOf(traceparent: string | null | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/** The active context as W3C headers (`traceparent`, `tracestate`): empty when tracing is off. */
export function activeTraceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}

/**
 * One span per report of a batch, in the trace the report came from (its `traceparent`: the worker's
 * handler run), linked to the batch's span: a batch has many parents, so each report is its own child.
 */
export function traceReports(
  reports: { nodeId: string; status: string; traceparent?: string | null }[],
  outcomes: { nodeId: string; error?: { code: string } }[],
  startTime: number,
): void {
  const batch = trace.getActiveSpan()?.spanContext();
  reports.forEach((report, i) => {
    if (!report.traceparent) return;
    const error = outcomes[i]?.error;
    const span = tracer().startSpan(
      `backbeat.report ${report.status.toLowerCase()}`,
      {
        startTime,
        attributes: { "backbeat.node_id": report.nodeId, ...(error ? { "backbeat.refused": error.code } : {}) },
        links: batch ? [{ context: batch }] : [],
      },
      traceContextOf(report.traceparent),
    );
    span.end();
  });
}
