// How many nodes are in each server status, for the metrics scrape: one grouped query, read when
// Prometheus asks (a gauge kept in memory would drift across server processes).
import { query, sql, type Sql } from "../sql.ts";

export async function countNodesByServerStatus(db: Sql): Promise<{ serverStatus: string; count: number }[]> {
  const rows = await query<{ serverStatus: string; count: bigint }>(
    db,
    sql`SELECT server_status AS "serverStatus", count(*) AS count FROM nodes GROUP BY server_status`,
  );
  return rows.map((r) => ({ serverStatus: r.serverStatus, count: Number(r.count) }));
}
