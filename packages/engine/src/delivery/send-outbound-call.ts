// Sends one leased outbound call and settles it. No transaction is open during the POST.
import {
  deliveryRoute,
  isAwaitingClientOnAttempt,
  isAwaitingDelivery,
  notificationRetryDelayMs,
  wireNode,
} from "@backbeat/core";
import {
  deleteOutboundCall,
  enqueueJob,
  findClient,
  findNode,
  findWorkflow,
  lockNode,
  retryOutboundCall,
  type OutboundCallRow,
} from "@backbeat/db";
import { ENGINE_ACTOR } from "../caller.ts";
import type { EngineContext } from "../context.ts";
import { clientError } from "../events/client-error.ts";
import { inTransaction } from "../transaction.ts";
import { postJson, type PostResult } from "./http-post.ts";
import { leaseCovers, pushTimeoutMs } from "./push-timeout.ts";
import { activeTraceHeaders, inSpan, traceContextOf } from "../tracing.ts";

export async function sendOutboundCall(ctx: EngineContext, call: OutboundCallRow): Promise<void> {
  if (call.kind === "deliver") await deliverNode(ctx, call);
  else await sendNotification(ctx, call);
}

async function deliverNode(ctx: EngineContext, call: OutboundCallRow): Promise<void> {
  if (call.prepared) {
    const { url, body, secret, timeoutMs, traceparent } = call.prepared;
    return post(ctx, call, url, body, secret, timeoutMs ?? ctx.config.httpTimeoutMs, traceparent);
  }
  const node = await findNode(ctx.sql, call.nodeId);
  // The node moved on (reported, retried, cancelled) before this delivery went out: nothing to send.
  if (!node || !isAwaitingDelivery(node, call.attempt)) {
    await deleteOutboundCall(ctx.sql, call.id, ctx.owner);
    return;
  }
  const [workflow, client] = await Promise.all([
    findWorkflow(ctx.sql, node.workflowId),
    findClient(ctx.sql, node.clientId),
  ]);
  const route = client ? deliveryRoute(node, client) : null;
  if (!workflow || !client || route?.kind !== "push") {
    // A client without an endpoint pulls its work; the node waits for it, under its deadline.
    await deleteOutboundCall(ctx.sql, call.id, ctx.owner);
    return;
  }
  const body = { [route.envelope]: wireNode(node, workflow) };
  await post(ctx, call, route.url, body, client.signingSecret, pushTimeoutMs(client, ctx.config), node.traceparent);
}

async function post(
  ctx: EngineContext,
  call: OutboundCallRow,
  url: string,
  body: unknown,
  secret: string,
  timeoutMs: number,
  traceparent?: string | null,
): Promise<void> {
  if (!(await leaseCovers(ctx, call, timeoutMs))) return; // lease lost: another engine owns it now
  const startedAt = performance.now();
  // A span in the trace of the node's creation; the client's handler continues it (traceparent header).
  const result = await inSpan("backbeat.deliver", () => postJson(url, body, secret, timeoutMs, activeTraceHeaders()), {
    parent: traceContextOf(traceparent),
    attributes: { "backbeat.node_id": call.nodeId, "backbeat.attempt": call.attempt },
  });
  reportDelivered(ctx, call, result);
  ctx.log("debug", "node delivered", {
    nodeId: call.nodeId,
    attempt: call.attempt,
    result,
    ms: performance.now() - startedAt,
  });
  if (result.kind === "ok") {
    ctx.settle(call.id);
    return;
  }
  const what = body !== null && typeof body === "object" && "decision" in body ? "decision" : "activity";
  await settleFailedDelivery(ctx, call, result, what);
}

/** Reference §4.4: non-2xx is a client error; a network failure is checked again after a wait. */
async function settleFailedDelivery(
  ctx: EngineContext,
  call: OutboundCallRow,
  result: Exclude<PostResult, { kind: "ok" }>,
  what: string,
) {
  await inTransaction(ctx, async (t) => {
    if (!(await deleteOutboundCall(t.tx, call.id, t.owner))) return; // lease lost: another engine owns it now
    const node = await lockNode(t.tx, call.nodeId);
    if (!node || !isAwaitingClientOnAttempt(node, call.attempt)) return;
    if (result.kind === "http_error") {
      await clientError(
        t,
        node,
        { error: { message: `HTTP request for ${what} failed`, status: result.status } },
        ENGINE_ACTOR,
      );
    } else {
      await enqueueJob(t.tx, {
        kind: "connection_check",
        nodeId: node.id,
        attempt: node.attempt,
        runAt: new Date(t.now.getTime() + t.config.connectionErrorWaitMs),
        lastError: `HTTP request for ${what} failed: ${result.message}`,
      });
    }
  });
}

async function sendNotification(ctx: EngineContext, call: OutboundCallRow): Promise<void> {
  const node = await findNode(ctx.sql, call.nodeId);
  const client = node ? await findClient(ctx.sql, node.clientId) : null;
  if (!client?.notificationEndpoint) {
    ctx.log("warn", "notification has no endpoint", { nodeId: call.nodeId, payload: call.payload });
    await deleteOutboundCall(ctx.sql, call.id, ctx.owner);
    return;
  }
  // A rescue handler runs inside the notification request too: the client's push timeout applies.
  const timeoutMs = pushTimeoutMs(client, ctx.config);
  if (!(await leaseCovers(ctx, call, timeoutMs))) return;
  const result = await postJson(client.notificationEndpoint, call.payload, client.signingSecret, timeoutMs);
  reportDelivered(ctx, call, result);
  if (result.kind === "ok") {
    await deleteOutboundCall(ctx.sql, call.id, ctx.owner);
  } else if (call.tries >= ctx.config.notificationMaxTries) {
    ctx.log("error", "notification dropped after retries", { nodeId: call.nodeId, tries: call.tries, result });
    await deleteOutboundCall(ctx.sql, call.id, ctx.owner);
  } else {
    const delay = notificationRetryDelayMs(call.tries);
    await retryOutboundCall(
      ctx.sql,
      call.id,
      ctx.owner,
      new Date(ctx.clock.now().getTime() + delay),
      JSON.stringify(result),
    );
  }
}

/** For observers (metrics): the outcome, and how long since the call became due (queued). */
function reportDelivered(ctx: EngineContext, call: OutboundCallRow, result: PostResult): void {
  const latencyMs = Math.max(0, ctx.clock.now().getTime() - call.runAt.getTime());
  if (result.kind === "ok") ctx.events.emit("delivered", { kind: call.kind, ok: true, latencyMs });
  else ctx.events.emit("delivered", { kind: call.kind, ok: false, reason: result.kind, latencyMs });
}
