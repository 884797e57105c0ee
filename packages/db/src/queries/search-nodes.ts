// Node search (reference §6.4, the original's activities search), newest first, one keyset page
// at a time. A client sees only the nodes assigned to it.
import type { NodeRecord } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { scopeClause, type ReadScope } from "./read-scope.ts";
import {
  hasPastStatusFilter,
  keysetClause,
  pastStatusConditions,
  toResult,
  type PastStatusFilter,
  type SearchPage,
  type SearchResult,
} from "./search-filters.ts";
import { empty, query, sql, type Sql, type SqlFragment } from "../sql.ts";

export type NodeSearchFilter = PastStatusFilter & {
  workflowId?: string | null;
  name?: string | null;
  /** Substring of the metadata as PostgreSQL prints jsonb ({"key": "value"}, a space after ':'). */
  metadata?: string | null;
  /** The node's server or client status is this. */
  currentStatus?: string | null;
};

/** The filter's conditions on nodes `n`, each starting with AND (shared with the bulk actions). */
export function nodeSearchConditions(scope: ReadScope, filter: NodeSearchFilter): SqlFragment {
  const workflow = filter.workflowId != null ? sql` AND n.workflow_id = ${filter.workflowId}::uuid` : empty;
  const name = filter.name != null ? sql` AND n.name = ${filter.name}` : empty;
  const metadata = filter.metadata != null ? sql` AND strpos(n.metadata::text, ${filter.metadata}) > 0` : empty;
  const current =
    filter.currentStatus != null
      ? sql` AND (n.server_status = ${filter.currentStatus} OR n.client_status = ${filter.currentStatus})`
      : empty;
  const past = hasPastStatusFilter(filter)
    ? sql` AND EXISTS (SELECT 1 FROM status_changes sc WHERE sc.node_id = n.id${pastStatusConditions(filter)})`
    : empty;
  return sql`${scopeClause(scope, "n")}${workflow}${name}${metadata}${current}${past}`;
}

export async function searchNodes(
  db: Sql,
  scope: ReadScope,
  filter: NodeSearchFilter,
  page: SearchPage,
): Promise<SearchResult<NodeRecord>> {
  const rows = await query<Record<string, unknown>>(
    db,
    sql`
    SELECT ${NODE_COLUMNS} FROM nodes n
    WHERE TRUE${nodeSearchConditions(scope, filter)}${keysetClause("n", page.after)}
    ORDER BY n.created_at DESC, n.id DESC LIMIT ${page.first + 1}`,
  );
  return toResult(rows.map(toNodeRecord), page.first);
}
