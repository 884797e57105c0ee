// Runs one event in one database transaction: everything it changes commits together, or nothing
// does. Deadlocks and serialization failures are retried; outbound calls leave only after commit.
import type pg from "pg";
import { attachTransitionTally, enqueuePasses, TransitionTally } from "@backbeat/db";
import type { EngineContext, TxContext } from "./context.ts";
import type { EngineEvents } from "./engine-events.ts";

const TRANSIENT_CODES = new Set(["40P01", "40001"]);
const MAX_TRANSIENT_RETRIES = 5;

export function isTransientDbError(error: unknown): boolean {
  return TRANSIENT_CODES.has((error as { code?: string } | null)?.code ?? "");
}

export async function inTransaction<T>(ctx: EngineContext, fn: (t: TxContext) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const outbound: TxContext["outbound"] = [];
    const passes: TxContext["passes"] = new Map();
    const client = await (ctx.sql as pg.Pool).connect();
    const tally = new TransitionTally();
    attachTransitionTally(client, tally);
    let broken = false;
    try {
      await client.query("BEGIN");
      const now = ctx.clock.now();
      const result = await fn({ ...ctx, tx: client, now, outbound, passes });
      // Last, so the pass rows stay locked (see enqueuePasses) for as short a time as possible.
      if (passes.size > 0) await enqueuePasses(client, [...passes.values()], now);
      await client.query("COMMIT");
      reportTransitions(ctx.events, tally);
      if (outbound.length > 0) ctx.dispatch(outbound);
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {
        broken = true;
      });
      if (attempt >= MAX_TRANSIENT_RETRIES || !isTransientDbError(error)) throw error;
    } finally {
      attachTransitionTally(client, null);
      client.release(broken);
    }
  }
}

/** One event per (status type, target status) the committed transaction wrote. */
function reportTransitions(events: EngineEvents, tally: TransitionTally): void {
  for (const [to, count] of tally.server) events.emit("transitions", { statusType: "server", to, count });
  for (const [to, count] of tally.client) events.emit("transitions", { statusType: "client", to, count });
}
