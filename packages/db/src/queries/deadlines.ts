// Nodes whose client deadline (complete_by) has passed while the server waits for their client:
// received (never acknowledged, reference §5.4) or processing. Unlike the original, a processing
// node times out too: every report or heartbeat extends complete_by, so only a worker that went
// silent (crashed, hung) loses its node to a retry.
import type { NodeRecord } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { query, sql, type SqlTx } from "../sql.ts";
import { awaitingClientSql } from "../status-sql.ts";

/** Locks up to `limit` expired nodes; other engines skip them. */
export async function claimExpiredDeadlines(tx: SqlTx, now: Date, limit: number): Promise<NodeRecord[]> {
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`
    SELECT ${NODE_COLUMNS} FROM nodes n
    WHERE ${awaitingClientSql("n")} AND n.complete_by <= ${now}
    ORDER BY n.complete_by LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
  );
  return rows.map(toNodeRecord);
}
