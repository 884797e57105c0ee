// The nodes a bulk action (retry or cancel) would touch: the failed nodes matching a search, i.e.
// those restartNode accepts whose server status is errored or retries_exhausted or whose client
// reported an error. Read by the preview and, with the same conditions, by the action itself.
import type { NodeRecord } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import type { ReadScope } from "./read-scope.ts";
import { nodeSearchConditions, type NodeSearchFilter } from "./search-nodes.ts";
import { query, raw, sql, type Sql } from "../sql.ts";

const FAILED = raw(`n.server_status IN ('errored', 'retrying', 'retries_exhausted', 'pending')
  AND n.client_status IN ('errored', 'pending')
  AND (n.server_status IN ('errored', 'retries_exhausted') OR n.client_status = 'errored')`);

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
    WHERE ${FAILED}${nodeSearchConditions(scope, filter)}
    ORDER BY n.seq LIMIT ${limit}`,
  );
  return { total: rows[0]?.total ?? 0, nodes: rows.map(toNodeRecord) };
}
