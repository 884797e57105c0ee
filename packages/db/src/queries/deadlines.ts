// Nodes whose client deadline (complete_by) has passed while the server waits for a report.
import type { NodeRecord } from "@backbeat/core";
import type { Tx } from "../client.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";

/** Locks up to `limit` expired nodes; other engines skip them. */
export async function claimExpiredDeadlines(tx: Tx, now: Date, limit: number): Promise<NodeRecord[]> {
  const rows = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT ${NODE_COLUMNS} FROM nodes n
    WHERE n.server_status = 'sent_to_client' AND n.complete_by <= ${now}
    ORDER BY n.complete_by LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
  return rows.map(toNodeRecord);
}
