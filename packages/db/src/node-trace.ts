// The trace a transaction's new nodes belong to. Like the transition tally, it rides on the
// transaction's connection (the engine attaches the W3C traceparent of its active span, when
// tracing is on), so insertNodes stores it without every command passing it down.
import type { SqlTx } from "./sql.ts";

const traceparents = new WeakMap<SqlTx, string>();

/** The traceparent nodes created on `tx` store (null: none, e.g. tracing off). */
export function attachTraceparent(tx: SqlTx, traceparent: string | null): void {
  if (traceparent) traceparents.set(tx, traceparent);
  else traceparents.delete(tx);
}

export function traceparentOf(tx: SqlTx): string | null {
  return traceparents.get(tx) ?? null;
}
