// Reads the audit log after a position, for live subscriptions, with the transaction horizon of the
// same snapshot. Ids come from a sequence, so a row may commit after a row with a higher id: a
// missing id is final only once every transaction that was running when it was seen has ended,
// i.e. when `xmin` (oldest running now) has reached the `xmax` recorded then.
//
// Transaction ids and snapshots are cluster-wide, but only a transaction of this database can hold
// an audit id: `xmin` is the oldest transaction of the snapshot that is not known to belong to ANOTHER
// database (its backends and prepared transactions there), so a long transaction in another database
// of the cluster holds nothing back. It leaves out only what is known to be foreign, never keeps only
// what is known to be ours: pg_stat_activity is read after the snapshot, and a transaction of this
// database that commits in between is no longer listed there, yet its row is not in the snapshot.
import { query, raw, sql, type Sql } from "../sql.ts";
import { STATUS_CHANGE_COLUMNS, type StatusChangeView } from "./node-history.ts";

/** A status change with the client its node is assigned to (to scope subscribers). */
export type FeedRow = StatusChangeView & { clientId: string };

export type StatusTail = { rows: FeedRow[]; xmin: bigint; xmax: bigint };

// The functions behind pg_stat_activity and pg_prepared_xacts, without the views' joins to name
// databases and roles: the same rows, at ~2.5 times less cost per read (the fan-out reads it often).
/** The oldest transaction id of snapshot `snap` not known to be another database's, or the snapshot's xmax. */
const ownXmin = (snap: string) =>
  raw(`coalesce(
    (SELECT min(x) FROM pg_snapshot_xip(${snap}) x WHERE x::xid NOT IN (
      SELECT a.backend_xid FROM pg_stat_get_activity(NULL) a
      WHERE a.datid <> (SELECT oid FROM pg_database WHERE datname = current_database()) AND a.backend_xid IS NOT NULL
      UNION ALL SELECT p.transaction FROM pg_prepared_xact() p(transaction, gid, prepared, ownerid, dbid)
      WHERE p.dbid <> (SELECT oid FROM pg_database WHERE datname = current_database()))),
    pg_snapshot_xmax(${snap}))`);

// The rows first (by key, at most `limit`), then each one's client by key: a join let a young
// table's statistics choose to hash every node and scan every audit row on each read.
export async function tailStatusChanges(db: Sql, afterId: bigint, limit: number): Promise<StatusTail> {
  const [row] = await query<{ rows: FeedRow[]; xmin: string; xmax: string }>(
    db,
    sql`
    SELECT ${ownXmin("s.snap")}::text AS xmin, pg_snapshot_xmax(s.snap)::text AS xmax,
      (SELECT coalesce(json_agg(r ORDER BY r.seq), '[]'::json) FROM (
        SELECT sc.id AS seq, ${STATUS_CHANGE_COLUMNS},
          (SELECT n.client_id::text FROM nodes n WHERE n.id = sc.node_id) AS "clientId"
        FROM (SELECT * FROM status_changes WHERE id > ${afterId.toString()}::bigint ORDER BY id LIMIT ${limit}) sc) r) AS rows
    FROM (SELECT pg_current_snapshot() AS snap) s`,
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

/** True when every transaction of this database older than `xmax` has ended. */
export async function transactionsEndedBefore(db: Sql, xmax: bigint): Promise<boolean> {
  const [row] = await query<{ ended: boolean }>(
    db,
    sql`
    SELECT ${ownXmin("s.snap")} >= ${xmax.toString()}::xid8 AS ended FROM (SELECT pg_current_snapshot() AS snap) s`,
  );
  return row!.ended;
}
