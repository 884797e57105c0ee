import type { WorkflowRecord } from "@backbeat/core";
import { raw } from "../sql.ts";

export const WORKFLOW_COLUMNS = raw(`w.id::text AS "id", w.client_id::text AS "clientId", w.name, w.decider,
  w.subject, w.complete, w.paused, w.created_at AS "createdAt", w.updated_at AS "updatedAt"`);

export function toWorkflowRecord(row: Record<string, unknown>): WorkflowRecord {
  return {
    ...(row as unknown as WorkflowRecord),
    // Already decoded by pg's jsonb parser: a subject may itself be a JSON string ("abc"), so a
    // string here is the value, never JSON text to parse again.
    subject: row.subject,
    createdAt: new Date(row.createdAt as string | Date),
    updatedAt: new Date(row.updatedAt as string | Date),
  };
}
