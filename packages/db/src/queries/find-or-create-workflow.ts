// Find-or-create by (client, name, subject as canonical JSON). Race-free: the unique index decides.
import { canonicalJson, NotFoundError, type WorkflowRecord } from "@backbeat/core";
import { WORKFLOW_COLUMNS, toWorkflowRecord } from "./workflow-row.ts";
import { query, sql, type SqlTx } from "../sql.ts";

export async function findOrCreateWorkflow(
  tx: SqlTx,
  w: { clientId: string; name: string; subject: unknown; decider: string },
  now: Date,
): Promise<{ workflow: WorkflowRecord; created: boolean }> {
  const subject = JSON.stringify(w.subject);
  const key = canonicalJson(w.subject);
  const inserted = await query<Record<string, unknown>>(
    tx,
    sql`
    INSERT INTO workflows AS w (client_id, name, decider, subject, subject_key, created_at, updated_at)
    VALUES (${w.clientId}::uuid, ${w.name}, ${w.decider}, ${subject}::jsonb, ${key}, ${now}, ${now})
    ON CONFLICT (client_id, name, subject_key) DO NOTHING
    RETURNING ${WORKFLOW_COLUMNS}`,
  ).catch((error: unknown) => {
    // An operator naming a client that does not exist: the foreign key says so, race-free.
    if (isForeignKeyViolation(error, "workflows_client_id_fkey")) throw new NotFoundError("Client", w.clientId);
    throw error;
  });
  if (inserted[0]) return { workflow: toWorkflowRecord(inserted[0]), created: true };
  const found = await findWorkflowByIdentity(tx, w.clientId, w.name, w.subject);
  if (!found) throw new Error("workflow vanished between insert and read");
  return { workflow: found, created: false };
}

function isForeignKeyViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === "23503" && e.constraint === constraint;
}

export async function findWorkflowByIdentity(
  tx: SqlTx,
  clientId: string,
  name: string,
  subject: unknown,
): Promise<WorkflowRecord | null> {
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`
    SELECT ${WORKFLOW_COLUMNS} FROM workflows w
    WHERE w.client_id = ${clientId}::uuid AND w.name = ${name} AND w.subject_key = ${canonicalJson(subject)}`,
  );
  return rows[0] ? toWorkflowRecord(rows[0]) : null;
}
