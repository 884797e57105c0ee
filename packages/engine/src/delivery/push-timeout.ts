// How long a push to one client may take: its own timeout when it has one (REST clients run the
// node inside the request), else the engine's. A call whose timeout outlasts its lease gets a
// longer lease first, so no other engine takes it over while the client is still working on it.
import { leaseMarginMs } from "@backbeat/core";
import { extendOutboundLease, type ClientRecord, type OutboundCallRow } from "@backbeat/db";
import type { EngineConfig } from "../config.ts";
import type { EngineContext } from "../context.ts";

export function pushTimeoutMs(client: Pick<ClientRecord, "pushTimeoutSeconds"> | null, config: EngineConfig): number {
  return client?.pushTimeoutSeconds != null ? client.pushTimeoutSeconds * 1000 : config.httpTimeoutMs;
}

/** False when the lease was lost meanwhile (another engine has the call): then it must not be sent. */
export async function leaseCovers(ctx: EngineContext, call: OutboundCallRow, timeoutMs: number): Promise<boolean> {
  if (timeoutMs <= ctx.config.httpTimeoutMs) return true; // the dispatcher already checked this much
  const margin = leaseMarginMs(ctx.config.leaseMs);
  const until = new Date(ctx.clock.now().getTime() + timeoutMs + margin);
  if (call.leasedUntil && call.leasedUntil.getTime() >= until.getTime()) return true;
  return extendOutboundLease(ctx.sql, call.id, ctx.owner, until);
}
