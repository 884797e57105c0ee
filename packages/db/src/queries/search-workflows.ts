// Workflow search (reference §6.4), newest first, one keyset page at a time. With no filter at all
// it lists every visible workflow (the original returned nothing; a dashboard wants the list).
import type { WorkflowRecord } from "@backbeat/core";
import { WORKFLOW_COLUMNS, toWorkflowRecord } from "./workflow-row.ts";
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
import { empty, query, sql, type Sql } from "../sql.ts";

export type WorkflowSearchFilter = PastStatusFilter & {
  name?: string | null;
  /** Substring of the subject as canonical JSON (sorted keys, no spaces: {"id":"1","kind":"x"}). */
  subject?: string | null;
  /** Has a node whose server or client status is this. */
  currentStatus?: string | null;
};

export async function searchWorkflows(
  db: Sql,
  scope: ReadScope,
  filter: WorkflowSearchFilter,
  page: SearchPage,
): Promise<SearchResult<WorkflowRecord>> {
  const name = filter.name != null ? sql` AND w.name = ${filter.name}` : empty;
  const subject = filter.subject != null ? sql` AND strpos(w.subject_key, ${filter.subject}) > 0` : empty;
  const current =
    filter.currentStatus != null
      ? sql` AND EXISTS (SELECT 1 FROM nodes n WHERE n.workflow_id = w.id
          AND (n.server_status = ${filter.currentStatus} OR n.client_status = ${filter.currentStatus}))`
      : empty;
  const past = hasPastStatusFilter(filter)
    ? sql` AND EXISTS (SELECT 1 FROM status_changes sc WHERE sc.workflow_id = w.id${pastStatusConditions(filter)})`
    : empty;
  const rows = await query<Record<string, unknown>>(
    db,
    sql`
    SELECT ${WORKFLOW_COLUMNS} FROM workflows w
    WHERE TRUE${scopeClause(scope, "w")}${name}${subject}${current}${past}${keysetClause("w", page.after)}
    ORDER BY w.created_at DESC, w.id DESC LIMIT ${page.first + 1}`,
  );
  return toResult(rows.map(toWorkflowRecord), page.first);
}
