// StartNode's hand-over for many nodes at once (a statement per 1,000, in-chunks.ts): each goes to
// sent_to_client/received with a fresh deadline and attempt number, as one compare-and-set on both
// statuses, with its audit rows in the order the steps happen. From "ready" (a pass's due children)
// that is ready → started → sent_to_client in one UPDATE: two would each rewrite the row and its index
// entries. From "started": a node whose timer fired, or that a resume or a retry starts again.
import type { NodeRecord } from "@backbeat/core";
import { inChunks } from "../in-chunks.ts";
import { query, sql, type SqlTx } from "../sql.ts";
import { assertBulkTransitions, statusIsByKey } from "../status-sql.ts";
import { countTransitions, type StatusType } from "../transition-tally.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { RETURNING_STATUS_NOTIFY } from "./status-channel.ts";
import { valuesById } from "./values-by-id.ts";

// The table allows each step; the WHERE clause below is the compare-and-set.
assertBulkTransitions("server", ["ready"], "started");
assertBulkTransitions("server", ["started"], "sent_to_client");
assertBulkTransitions("client", ["ready"], "received");

export type SendFrom = "ready" | "started";
export type NodeToSend = { id: string; completeBy: Date | null };

// Each node's audit rows, in order: [status type, from, to].
const STEPS: Record<SendFrom, [StatusType, string, string][]> = {
  ready: [
    ["server", "ready", "started"],
    ["server", "started", "sent_to_client"],
    ["client", "ready", "received"],
  ],
  started: [
    ["server", "started", "sent_to_client"],
    ["client", "ready", "received"],
  ],
};

/** Nodes no longer in `from`/ready (another engine got them) are left alone and not returned. */
export async function sendNodes(tx: SqlTx, from: SendFrom, items: NodeToSend[], now: Date): Promise<NodeRecord[]> {
  if (items.length === 0) return [];
  return inChunks(items, (chunk) => sendChunk(tx, from, chunk, now));
}

async function sendChunk(tx: SqlTx, from: SendFrom, items: NodeToSend[], now: Date): Promise<NodeRecord[]> {
  // Each node's deadline by its id (values-by-id.ts) and its status through statusIsByKey: rows
  // looked up by key, nothing else for the planner to choose.
  const deadlines = valuesById(items, (i) => i.completeBy?.toISOString() ?? null);
  const steps = STEPS[from];
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`
    WITH n AS (
      UPDATE nodes SET server_status = 'sent_to_client', client_status = 'received',
        complete_by = (${deadlines}::jsonb ->> nodes.id::text)::timestamptz,
        attempt = nodes.attempt + 1, updated_at = ${now}
      WHERE nodes.id = ANY(${items.map((i) => i.id)}::uuid[])
        AND ${statusIsByKey("nodes", "server_status", from)} AND nodes.client_status = 'ready'
      RETURNING nodes.*),
    audit AS (
      INSERT INTO status_changes (node_id, workflow_id, status_type, from_status, to_status, created_at)
      SELECT n.id, n.workflow_id, s.type, s.from_status, s.to_status, ${now}
      FROM n, unnest(${steps.map((s) => s[0])}::text[], ${steps.map((s) => s[1])}::text[],
        ${steps.map((s) => s[2])}::text[]) WITH ORDINALITY AS s(type, from_status, to_status, ord)
      ORDER BY n.seq, s.ord
      ${RETURNING_STATUS_NOTIFY})
    SELECT ${NODE_COLUMNS} FROM n ORDER BY n.seq`,
  );
  for (const [type, , to] of steps) countTransitions(tx, type, to, rows.length);
  return rows.map(toNodeRecord);
}
