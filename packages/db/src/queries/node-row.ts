// The one SELECT list for nodes in raw SQL, aliased to the domain's camelCase names.
import type { NodeRecord } from "@backbeat/core";
import { raw } from "../sql.ts";

export const NODE_COLUMNS = raw(`n.id::text AS "id", n.seq, n.workflow_id::text AS "workflowId",
  n.parent_id::text AS "parentId", n.client_id::text AS "clientId", n.parent_link_id::text AS "parentLinkId",
  n.name, n.mode, n.type, n.server_status AS "serverStatus", n.client_status AS "clientStatus",
  n.fires_at AS "firesAt", n.retries_remaining AS "retriesRemaining", n.retry_interval AS "retryInterval",
  n.complete_by AS "completeBy", n.client_data AS "clientData", n.metadata, n.attempt,
  n.created_at AS "createdAt", n.updated_at AS "updatedAt", n.traceparent`);

/** Raw rows come back with the aliases above; dates and JSON are already decoded by the adapter. */
export function toNodeRecord(row: Record<string, unknown>): NodeRecord {
  return {
    ...(row as unknown as NodeRecord),
    seq: BigInt(row.seq as bigint | number | string),
    firesAt: new Date(row.firesAt as string | Date),
    completeBy: row.completeBy == null ? null : new Date(row.completeBy as string | Date),
    createdAt: new Date(row.createdAt as string | Date),
    updatedAt: new Date(row.updatedAt as string | Date),
    clientData: decodeJson(row.clientData),
    metadata: decodeJson(row.metadata),
  };
}

function decodeJson(value: unknown): Record<string, unknown> {
  return (typeof value === "string" ? JSON.parse(value) : value) as Record<string, unknown>;
}
