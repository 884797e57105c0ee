// Counts status changes where their audit rows are written, per transaction, without another
// query: the engine attaches a tally to the transaction's connection, the queries that insert
// into status_changes add to it, and the engine reports the totals only after COMMIT (a rolled-back
// transaction changed nothing). Keyed by connection so no query signature has to carry it.
import type { SqlTx } from "./sql.ts";

export type StatusType = "server" | "client";

export class TransitionTally {
  /** Per status type: target status → count. Two small maps, no key strings built per change. */
  readonly server = new Map<string, number>();
  readonly client = new Map<string, number>();
  /** Every status change counted so far, of either type. */
  total = 0;

  add(type: StatusType, to: string, count: number): void {
    this.total += count;
    const map = type === "server" ? this.server : this.client;
    map.set(to, (map.get(to) ?? 0) + count);
  }
}

const tallies = new WeakMap<SqlTx, TransitionTally>();

/** Starts counting the status changes written on `tx` (null: stops). */
export function attachTransitionTally(tx: SqlTx, tally: TransitionTally | null): void {
  if (tally) tallies.set(tx, tally);
  else tallies.delete(tx);
}

/** Called by the queries that write audit rows, with how many rows they wrote. */
export function countTransitions(tx: SqlTx, type: StatusType, to: string, count: number): void {
  if (count > 0) tallies.get(tx)?.add(type, to, count);
}

/** How many status changes `tx` has written so far (0 without a tally): tells whether a step wrote anything. */
export function transitionsWritten(tx: SqlTx): number {
  return tallies.get(tx)?.total ?? 0;
}
