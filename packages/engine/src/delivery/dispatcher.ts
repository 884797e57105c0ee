// Runs outbound calls concurrently, at most `maxInFlight` at once per engine process.
import { leaseMarginMs } from "@backbeat/core";
import type { OutboundCallRow } from "@backbeat/db";
import type { EngineContext } from "../context.ts";
import { sendOutboundCall } from "./send-outbound-call.ts";
import { SettledCalls } from "./settled-calls.ts";

export class Dispatcher {
  private readonly queue: OutboundCallRow[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private ctx: EngineContext | null = null;
  readonly settled = new SettledCalls(() => this.ctx!);

  bind(ctx: EngineContext): void {
    this.ctx = ctx;
  }

  send(calls: OutboundCallRow[]): void {
    this.queue.push(...calls);
    this.pump();
  }

  /** How many more calls this process would take now. */
  get capacity(): number {
    return Math.max(0, (this.ctx?.config.maxInFlight ?? 0) - this.inFlight.size - this.queue.length);
  }

  get busy(): boolean {
    return this.inFlight.size > 0 || this.queue.length > 0;
  }

  /** Resolves when every queued and in-flight call has settled. */
  async idle(): Promise<void> {
    while (this.busy) await Promise.race(this.inFlight);
    await this.settled.flush();
  }

  /**
   * A call that waited here so long that its lease could run out during the request is left to
   * whoever claims it after the lease (possibly this engine again): sending it now could make a
   * second engine send it too.
   */
  private stillOurs(call: OutboundCallRow, ctx: EngineContext): boolean {
    if (!call.leasedUntil) return true;
    // The margin covers settling after the request (deletes are grouped, see settled-calls.ts).
    const margin = leaseMarginMs(ctx.config.leaseMs);
    const ok = ctx.clock.now().getTime() + ctx.config.httpTimeoutMs + margin < call.leasedUntil.getTime();
    if (!ok) ctx.log("warn", "outbound call left for its lease to expire", { callId: call.id, nodeId: call.nodeId });
    return ok;
  }

  private pump(): void {
    const ctx = this.ctx;
    if (!ctx) throw new Error("Dispatcher used before bind()");
    while (this.inFlight.size < ctx.config.maxInFlight && this.queue.length > 0) {
      const call = this.queue.shift()!;
      if (!this.stillOurs(call, ctx)) continue;
      const p: Promise<void> = sendOutboundCall(ctx, call)
        .catch((error: unknown) => ctx.log("error", "outbound call failed", { callId: call.id, error: String(error) }))
        .finally(() => {
          this.inFlight.delete(p);
          this.pump();
        });
      this.inFlight.add(p);
    }
  }
}
