// A workflow by id, only if the scope may see it (a client: only its own).
import type { WorkflowRecord } from "@backbeat/core";
import { WORKFLOW_COLUMNS, toWorkflowRecord } from "./workflow-row.ts";
import { scopeClause, type ReadScope } from "./read-scope.ts";
import { query, sql, type Sql } from "../sql.ts";

export async function findVisibleWorkflow(db: Sql, scope: ReadScope, id: string): Promise<WorkflowRecord | null> {
  const rows = await query<Record<string, unknown>>(
    db,
    sql`
    SELECT ${WORKFLOW_COLUMNS} FROM workflows w WHERE w.id = ${id}::uuid${scopeClause(scope, "w")}`,
  );
  return rows[0] ? toWorkflowRecord(rows[0]) : null;
}
