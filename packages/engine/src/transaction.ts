// Runs one event in one database transaction: everything it changes commits together, or nothing
// does. Deadlocks and serialization failures are retried; outbound calls leave only after commit.
import type pg from "pg";
import { enqueuePasses } from "@backbeat/db";
import type { EngineContext, TxContext } from "./context.ts";

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
    let broken = false;
    try {
      await client.query("BEGIN");
      const now = ctx.clock.now();
      const result = await fn({ ...ctx, tx: client, now, outbound, passes });
      // Last, so the pass rows stay locked (see enqueuePasses) for as short a time as possible.
      if (passes.size > 0) await enqueuePasses(client, [...passes.values()], now);
      await client.query("COMMIT");
      if (outbound.length > 0) ctx.dispatch(outbound);
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {
        broken = true;
      });
      if (attempt >= MAX_TRANSIENT_RETRIES || !isTransientDbError(error)) throw error;
    } finally {
      client.release(broken);
    }
  }
}
