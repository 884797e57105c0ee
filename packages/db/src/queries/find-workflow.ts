import type { WorkflowRecord } from "@backbeat/core";
import { WORKFLOW_COLUMNS, toWorkflowRecord } from "./workflow-row.ts";
import { query, sql, type Sql } from "../sql.ts";

export type RowLock = "none" | "share" | "update";

/**
 * Reads a workflow. `share` is what starting a node takes: it waits for a pause/resume in flight,
 * so a node can never be sent (or parked) on a stale `paused` flag.
 */
export async function findWorkflow(db: Sql, id: string, lock: RowLock = "none"): Promise<WorkflowRecord | null> {
  const rows =
    lock === "update"
      ? await query<Record<string, unknown>>(
          db,
          sql`SELECT ${WORKFLOW_COLUMNS} FROM workflows w WHERE w.id = ${id}::uuid FOR UPDATE`,
        )
      : lock === "share"
        ? await query<Record<string, unknown>>(
            db,
            sql`SELECT ${WORKFLOW_COLUMNS} FROM workflows w WHERE w.id = ${id}::uuid FOR SHARE`,
          )
        : await query<Record<string, unknown>>(
            db,
            sql`SELECT ${WORKFLOW_COLUMNS} FROM workflows w WHERE w.id = ${id}::uuid`,
          );
  return rows[0] ? toWorkflowRecord(rows[0]) : null;
}
