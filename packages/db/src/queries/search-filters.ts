// The pieces shared by the workflow and node searches (reference §6.4): keyset pages newest first
// on (created_at, id), and the status-change filter whose three parts apply to one audit row.
import { empty, sql, type SqlFragment } from "../sql.ts";

/** Where a page starts: strictly after this row in (created_at DESC, id DESC) order. */
export type SearchCursor = { createdAt: Date; id: string };

export type SearchPage = { first: number; after: SearchCursor | null };

/** One more row than asked for is read: its presence is `hasNextPage`. */
export type SearchResult<T> = { items: T[]; hasNextPage: boolean };

/** A status change to `pastStatus` (if given) within [statusStart, statusEnd] (each if given). */
export type PastStatusFilter = { pastStatus?: string | null; statusStart?: Date | null; statusEnd?: Date | null };

export function hasPastStatusFilter(f: PastStatusFilter): boolean {
  return f.pastStatus != null || f.statusStart != null || f.statusEnd != null;
}

/** The conditions on an audit row `sc` (reference §6.4: all three on the same row). */
export function pastStatusConditions(f: PastStatusFilter): SqlFragment {
  const to = f.pastStatus != null ? sql` AND sc.to_status = ${f.pastStatus}` : empty;
  const start = f.statusStart != null ? sql` AND sc.created_at >= ${f.statusStart}` : empty;
  const end = f.statusEnd != null ? sql` AND sc.created_at <= ${f.statusEnd}` : empty;
  return sql`${to}${start}${end}`;
}

export function keysetClause(alias: "w" | "n", after: SearchCursor | null): SqlFragment {
  if (!after) return empty;
  return alias === "w"
    ? sql` AND (w.created_at, w.id) < (${after.createdAt}, ${after.id}::uuid)`
    : sql` AND (n.created_at, n.id) < (${after.createdAt}, ${after.id}::uuid)`;
}

export function toResult<T>(rows: T[], first: number): SearchResult<T> {
  return { items: rows.slice(0, first), hasNextPage: rows.length > first };
}
