// Deleting a delivered call is one statement per call; under load they are grouped: calls
// settled within a few milliseconds are deleted together. Losing a pending group in a crash only
// means a re-delivery after the lease, which the protocol allows (the node moved on, so the
// re-delivery finds it no longer waiting and drops the call).
import { deleteOutboundCalls } from "@backbeat/db";
import type { EngineContext } from "../context.ts";

const FLUSH_MS = 5;

export class SettledCalls {
  private pending: bigint[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: () => EngineContext) {}

  add(id: bigint): void {
    this.pending.push(id);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Deletes everything settled so far (called on idle and shutdown too). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ids = this.pending;
    this.pending = [];
    if (ids.length > 0) {
      const ctx = this.ctx();
      this.flushing = this.flushing
        .then(() => deleteOutboundCalls(ctx.sql, ids, ctx.owner))
        .catch((e: unknown) => ctx.log("warn", "could not delete settled calls", { error: String(e) }));
    }
    return this.flushing;
  }
}
