// Runs one event in one database transaction: everything it changes commits together, or nothing
// does. Deadlocks and serialization failures are retried; outbound calls leave only after commit.
import type { EngineContext, TxContext } from "./context.ts";

const TRANSIENT = /40P01|40001|deadlock detected|could not serialize/;
const MAX_TRANSIENT_RETRIES = 5;

export function isTransientDbError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = (error as { meta?: unknown }).meta;
  return TRANSIENT.test(`${error.message} ${(error as { code?: string }).code ?? ""} ${JSON.stringify(meta ?? "")}`);
}

export async function inTransaction<T>(ctx: EngineContext, fn: (t: TxContext) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const outbound: TxContext["outbound"] = [];
    try {
      const result = await ctx.db.$transaction((tx) => fn({ ...ctx, tx, now: ctx.clock.now(), outbound }), {
        maxWait: 10_000,
        timeout: 60_000,
      });
      if (outbound.length > 0) ctx.dispatch(outbound);
      return result;
    } catch (error) {
      if (attempt >= MAX_TRANSIENT_RETRIES || !isTransientDbError(error)) throw error;
    }
  }
}
