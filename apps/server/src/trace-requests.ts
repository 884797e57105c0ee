// One span per API request (a GraphQL operation over HTTP, or a REST call), continuing the caller's
// W3C `traceparent` header: the engine's command spans, and the nodes a command creates, join that
// trace. The GraphQL plugin names the span after its operation. While tracing is off these are the
// @opentelemetry/api no-ops.
import type { ApolloServerPlugin } from "@apollo/server";
import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { RequestHandler } from "express";

// Asked for at each span, not once at load: a provider registered later (and through the API's
// other module format, CommonJS or ESM, whose proxy this module's copy would never see) is used.
const tracer = () => trace.getTracer("@backbeat/server");

export function traceRequests(): RequestHandler {
  return (req, res, next) => {
    const parent = propagation.extract(context.active(), req.headers);
    // Named by route, not by path (ids in paths would make every name unique): GraphQL renames it
    // after its operation, a REST route at the end, once express has matched it.
    const span = tracer().startSpan(
      req.path === "/graphql" ? `${req.method} /graphql` : req.method,
      { kind: SpanKind.SERVER, attributes: { "http.request.method": req.method, "url.path": req.path } },
      parent,
    );
    res.once("close", () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      if (typeof route === "string") span.updateName(`${req.method} ${req.baseUrl}${route}`);
      span.setAttribute("http.response.status_code", res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    // Everything after this middleware (Apollo, resolvers, the engine) runs in the span's context.
    context.with(trace.setSpan(parent, span), next);
  };
}

/** Names the request's span after its GraphQL operation ("mutation signalWorkflow") and marks errors. */
export const traceOperations: ApolloServerPlugin = {
  requestDidStart: async () => ({
    didResolveOperation: async ({ operation, operationName }) => {
      if (!operation) return;
      const name = operationName ?? operation.selectionSet.selections.map(fieldName).join(",");
      trace.getActiveSpan()?.updateName(`${operation.operation} ${name}`);
    },
    didEncounterErrors: async ({ errors }) => {
      trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: errors[0]?.message });
    },
  }),
};

function fieldName(selection: { kind: string; name?: { value: string } }): string {
  return selection.name?.value ?? selection.kind;
}
