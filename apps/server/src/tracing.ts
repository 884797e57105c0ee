// OpenTelemetry traces, off by default. On when OTEL_EXPORTER_OTLP_ENDPOINT is set (or
// BACKBEAT_TRACING=1, which exports to the exporter's default, http://localhost:4318): spans go to
// an OTLP/HTTP collector in batches, and the W3C `traceparent` of incoming requests is continued.
// Off, nothing is loaded: the code that starts spans sees @opentelemetry/api's no-op tracer.
// The exporter and the batching read the other standard OTEL_* variables (headers, OTEL_BSP_* delays).
import type { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";

export type Tracing = {
  /** Exports what is still buffered and stops. */
  shutdown: () => Promise<void>;
};

export function tracingWanted(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT) || env.BACKBEAT_TRACING === "1";
}

/** Registers the global tracer provider, context manager and W3C propagator (null when tracing is off). */
export async function startTracing(env: NodeJS.ProcessEnv, serviceName: string): Promise<Tracing | null> {
  if (!tracingWanted(env)) return null;
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import("@opentelemetry/sdk-trace-node"),
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/resources"),
    ]);
  const provider: NodeTracerProvider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": env.OTEL_SERVICE_NAME || serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(env) }))],
  });
  // An AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
  return { shutdown: () => provider.shutdown() };
}

/** The standard variables, read from `env` (which may not be process.env); undefined: the exporter's default. */
function tracesUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return base ? `${base.replace(/\/+$/, "")}/v1/traces` : undefined;
}
