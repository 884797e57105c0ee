// Reads the audit log after a position, for live subscriptions, with the transaction horizon of the
// same snapshot. Ids come from a sequence, so a row may commit after a row with a higher id: a
// missing id is final only once every transaction that was running when it was seen has ended,
// i.e. when `xmin` (oldest running now) has reached the `xmax` recorded then.
import { query, sql, type Sql } from "../sql.ts";
import { STATUS_CHANGE_COLUMNS, type StatusChangeView } from "./node-history.ts";

/** A status change with the client its node is assigned to (to scope subscribers). */
export type FeedRow = StatusChangeView & { clientId: string };

export type StatusTail = { rows: FeedRow[]; xmin: bigint; xmax: bigint };

export async function tailStatusChanges(db: Sql, afterId: bigint, limit: number): Promise<StatusTail> {
  const [row] = await query<{ rows: FeedRow[]; xmin: string; xmax: string }>(
    db,
    sql`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax,
      (SELECT coalesce(json_agg(r ORDER BY r.seq), '[]'::json) FROM (
        SELECT sc.id AS seq, ${STATUS_CHANGE_COLUMNS}, n.client_id::text AS "clientId"
        FROM status_changes sc JOIN nodes n ON n.id = sc.node_id
        WHERE sc.id > ${afterId.toString()}::bigint ORDER BY sc.id LIMIT ${limit}) r) AS rows`,
  );
  return {
    rows: row!.rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) })),
    xmin: BigInt(row!.xmin),
    xmax: BigInt(row!.xmax),
  };
}

/** The last id now, and the horizon after which every id up to it is final. */
export async function statusChangesHead(db: Sql): Promise<{ lastId: bigint; xmax: bigint }> {
  const [row] = await query<{ last: string; xmax: string }>(
    db,
    sql`
    SELECT coalesce(max(id), 0)::text AS last, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax FROM status_changes`,
  );
  return { lastId: BigInt(row!.last), xmax: BigInt(row!.xmax) };
}

/** True when every transaction older than `xmax` has ended. */
export async function transactionsEndedBefore(db: Sql, xmax: bigint): Promise<boolean> {
  const [row] = await query<{ ended: boolean }>(
    db,
    sql`
    SELECT pg_snapshot_xmin(pg_current_snapshot()) >= ${xmax.toString()}::xid8 AS ended`,
  );
  return row!.ended;
}
