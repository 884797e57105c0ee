import type { WorkflowRecord } from "@backbeat/core";
import { WORKFLOW_COLUMNS, toWorkflowRecord } from "./workflow-row.ts";
import { query, sql, type SqlTx } from "../sql.ts";

/** Sets `paused` and/or `complete` (the only workflow state there is). */
export async function updateWorkflowFlags(
  tx: SqlTx,
  id: string,
  flags: { paused?: boolean; complete?: boolean },
  now: Date,
): Promise<WorkflowRecord | null> {
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`
    UPDATE workflows w SET paused = COALESCE(${flags.paused ?? null}::boolean, paused),
      complete = COALESCE(${flags.complete ?? null}::boolean, complete), updated_at = ${now}
    WHERE w.id = ${id}::uuid RETURNING ${WORKFLOW_COLUMNS}`,
  );
  return rows[0] ? toWorkflowRecord(rows[0]) : null;
}
