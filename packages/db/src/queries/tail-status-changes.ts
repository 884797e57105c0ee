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
import { query, raw, sql, type Sql, type SqlFragment } from "../sql.ts";
import { STATUS_CHANGE_COLUMNS, type StatusChangeView } from "./node-history.ts";

/** A status change with the client its node is assigned to (to scope subscribers). */
export type FeedRow = StatusChangeView & { clientId: string };

/** What routes a change to the pull dispatcher: which node, which status, whose client. */
export type RoutingRow = Pick<FeedRow, "id" | "nodeId" | "statusType" | "toStatus" | "clientId">;

export type StatusTail<R extends RoutingRow = FeedRow> = { rows: R[]; xmin: bigint; xmax: bigint };

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

/** The oldest transaction id of snapshot `snap`, whatever its database: a lower bound of ownXmin, at no cost. */
const anyXmin = (snap: string) =>
  raw(`coalesce((SELECT min(x) FROM pg_snapshot_xip(${snap}) x), pg_snapshot_xmax(${snap}))`);

/**
 * Which audit rows a read wants: those in `holes` (ids up to `top` it has not read yet: the reader
 * holds every other id there, read earlier past a gap, instead of reading it again while it waits),
 * and the first `limit` rows above `top`. `exactXmin`: the horizon leaves out other databases'
 * transactions (reading every backend's state, most of a small read's cost); otherwise it is the
 * snapshot's oldest transaction, lower or equal: safe (a gap waits longer), for a reader with no gap
 * to judge yet.
 */
export type TailWindow = { holes: { lo: bigint; hi: bigint }[]; top: bigint; limit: number; exactXmin: boolean };

// The ids of a window, by key: a range scan per hole, which finds only the ids still missing (not
// every id read past the gap, each checked against a list of them: ~0.5 ms a read with 500 held),
// then the new ones. Not a join: a young table's statistics could choose to hash every node and
// scan every audit row on each read.
const windowIds = (w: TailWindow) => sql`
  SELECT s.id FROM unnest(${w.holes.map((h) => h.lo.toString())}::bigint[], ${w.holes.map((h) => h.hi.toString())}::bigint[]) AS h(lo, hi)
    CROSS JOIN LATERAL (SELECT id FROM status_changes WHERE id BETWEEN h.lo AND h.hi) s
  UNION ALL
  (SELECT id FROM status_changes WHERE id > ${w.top.toString()}::bigint ORDER BY id LIMIT ${w.limit})`;

export async function tailStatusChanges(db: Sql, window: TailWindow): Promise<StatusTail> {
  return readTail<FeedRow>(
    db,
    window.exactXmin,
    sql`
        SELECT sc.id AS seq, ${STATUS_CHANGE_COLUMNS},
          (SELECT n.client_id::text FROM nodes n WHERE n.id = sc.node_id) AS "clientId"
        FROM status_changes sc WHERE sc.id = ANY(ARRAY(${windowIds(window)}))`,
  );
}

/**
 * tailStatusChanges with only what routes a change (RoutingRow): no response, actor or time to
 * build and parse, and each node's client looked up once, not once per audit row (a node's changes
 * come in threes). For a process whose only reader is its pull dispatcher: most of the feed's cost.
 */
export async function tailRoutingChanges(db: Sql, window: TailWindow): Promise<StatusTail<RoutingRow>> {
  return readTail<RoutingRow>(
    db,
    window.exactXmin,
    sql`
        WITH t AS MATERIALIZED (
          SELECT id, node_id, status_type, to_status FROM status_changes WHERE id = ANY(ARRAY(${windowIds(window)}))),
        c AS MATERIALIZED (SELECT n.id, n.client_id FROM nodes n WHERE n.id = ANY(ARRAY(SELECT DISTINCT node_id FROM t)))
        SELECT t.id AS seq, t.id::text AS id, t.node_id::text AS "nodeId", t.status_type AS "statusType",
          t.to_status AS "toStatus", c.client_id::text AS "clientId"
        FROM t LEFT JOIN c ON c.id = t.node_id`,
  );
}

// The rows of `rows` (a statement with a `seq` column) in seq order, with the horizon of the same
// snapshot: one statement, its rows as rows (the horizon repeated on each, and alone on one row when
// there are none). Not as one json_agg value: building JSON of a record costs ~50 µs a row, which was
// most of the feed's cost under load.
async function readTail<R extends RoutingRow>(db: Sql, exactXmin: boolean, rows: SqlFragment): Promise<StatusTail<R>> {
  const result = await query<Record<string, unknown> & { xmin: string; xmax: string; seq: string | null }>(
    db,
    sql`
    SELECT h.xmin::text AS xmin, h.xmax::text AS xmax, r.*
    FROM (SELECT ${exactXmin ? ownXmin("s.snap") : anyXmin("s.snap")} AS xmin, pg_snapshot_xmax(s.snap) AS xmax
      FROM (SELECT pg_current_snapshot() AS snap) s) h
    LEFT JOIN LATERAL (${rows}) r ON true
    ORDER BY r.seq`,
  );
  const { xmin, xmax } = result[0]!;
  const found = result.filter((r) => r.seq !== null);
  return {
    rows: found.map(({ xmin: _x, xmax: _y, seq: _s, ...row }) => row as unknown as R),
    xmin: BigInt(xmin),
    xmax: BigInt(xmax),
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
