// Creates nodes in array order (their `seq` follows it), a statement per 1,000 (in-chunks.ts) in the
// caller's transaction. Nodes with an idempotency key that another call stored already (a concurrent
// retry) are skipped: fewer rows come back.
import type { ClientStatus, NewNodeFields, NodeRecord, ServerStatus } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { inChunks } from "../in-chunks.ts";
import { traceparentOf } from "../node-trace.ts";
import { empty, query, sql, type SqlTx } from "../sql.ts";

export type NewNode = Omit<NewNodeFields, "clientId"> & {
  clientId: string;
  workflowId: string;
  parentId: string | null;
  serverStatus: ServerStatus;
  clientStatus: ClientStatus;
  /** The creating call's idempotency key and this node's position in the call (find-idempotent-nodes.ts). */
  idempotencyKey?: string | null;
  idempotencyIndex?: number | null;
};

export async function insertNodes(tx: SqlTx, nodes: NewNode[], now: Date): Promise<NodeRecord[]> {
  if (nodes.length === 0) return [];
  return inChunks(nodes, (chunk) => insertChunk(tx, chunk, now));
}

async function insertChunk(tx: SqlTx, nodes: NewNode[], now: Date): Promise<NodeRecord[]> {
  const onKeyConflict = nodes.some((n) => n.idempotencyKey != null) ? sql` ON CONFLICT DO NOTHING` : empty;
  // A Date's toJSON is its ISO text: the nodes go into the parameter as they are.
  const payload = JSON.stringify(nodes);
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`
    WITH n AS (
      INSERT INTO nodes (workflow_id, parent_id, client_id, parent_link_id, name, mode, type, server_status,
        client_status, fires_at, retries_remaining, retry_interval, client_data, metadata, idempotency_key,
        idempotency_index, traceparent, created_at, updated_at)
      SELECT (e->>'workflowId')::uuid, (e->>'parentId')::uuid, (e->>'clientId')::uuid, (e->>'parentLinkId')::uuid,
        e->>'name', e->>'mode', e->>'type', e->>'serverStatus', e->>'clientStatus', (e->>'firesAt')::timestamptz,
        (e->>'retriesRemaining')::int, (e->>'retryInterval')::int, e->'clientData', e->'metadata',
        e->>'idempotencyKey', (e->>'idempotencyIndex')::int, ${traceparentOf(tx)}::text, ${now}, ${now}
      FROM jsonb_array_elements(${payload}::jsonb) WITH ORDINALITY AS x(e, ord)
      ORDER BY x.ord${onKeyConflict}
      RETURNING *)
    SELECT ${NODE_COLUMNS} FROM n ORDER BY n.seq`,
  );
  return rows.map(toNodeRecord);
}
