// Find a workflow by its identity (client, name, subject compared as canonical JSON). An operator
// may leave the client out: then the oldest match of any client is returned.
import { canonicalJson, type WorkflowRecord } from "@backbeat/core";
import { WORKFLOW_COLUMNS, toWorkflowRecord } from "./workflow-row.ts";
import { scopeClause, type ReadScope } from "./read-scope.ts";
import { query, sql, type Sql } from "../sql.ts";

export async function lookupWorkflow(
  db: Sql,
  scope: ReadScope,
  name: string,
  subject: unknown,
): Promise<WorkflowRecord | null> {
  const rows = await query<Record<string, unknown>>(
    db,
    sql`
    SELECT ${WORKFLOW_COLUMNS} FROM workflows w
    WHERE w.name = ${name} AND w.subject_key = ${canonicalJson(subject)}${scopeClause(scope, "w")}
    ORDER BY w.created_at, w.id LIMIT 1`,
  );
  return rows[0] ? toWorkflowRecord(rows[0]) : null;
}
