// The nodes a bulk action (retry or cancel) would touch: the failed nodes matching a search, i.e.
// those restartNode accepts whose server status is errored or retries_exhausted or whose client
// reported an error. Read by the preview and, with the same conditions, by the action itself.
import {
  FAILED_CLIENT_STATUS,
  FAILED_SERVER_STATUSES,
  RESTARTABLE_CLIENT_STATUSES,
  RESTARTABLE_SERVER_STATUSES,
  type NodeRecord,
} from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import type { ReadScope } from "./read-scope.ts";
import { nodeSearchConditions, type NodeSearchFilter } from "./search-nodes.ts";
import { query, sql, type Sql } from "../sql.ts";
import { statusList, statusLiteral } from "../status-sql.ts";

// Core's isFailed. The nodes_failed_seq_idx index repeats this predicate (status-sql.test.ts keeps them equal).
export const FAILED_NODES = sql`n.server_status IN (${statusList(RESTARTABLE_SERVER_STATUSES)})
  AND n.client_status IN (${statusList(RESTARTABLE_CLIENT_STATUSES)})
  AND (n.server_status IN (${statusList(FAILED_SERVER_STATUSES)}) OR n.client_status = ${statusLiteral(FAILED_CLIENT_STATUS)})`;

/**
 * Oldest first (creation order), at most `limit`, and how many match in all, read in ONE statement
 * (one snapshot): the count the action checks against the preview is the count of the set it acts on.
 */
export async function listBulkCandidates(
  db: Sql,
  scope: ReadScope,
  filter: NodeSearchFilter,
  limit: number,
): Promise<{ total: number; nodes: NodeRecord[] }> {
  const rows = await query<Record<string, unknown> & { total: number }>(
    db,
    sql`SELECT ${NODE_COLUMNS}, count(*) OVER ()::int AS total FROM nodes n
    WHERE ${FAILED_NODES}${nodeSearchConditions(scope, filter)}
    ORDER BY n.seq LIMIT ${limit}`,
  );
  return { total: rows[0]?.total ?? 0, nodes: rows.map(toNodeRecord) };
}
