// The one SELECT list for nodes in raw SQL, aliased to the domain's camelCase names.
import type { NodeRecord } from "@backbeat/core";
import { raw } from "../sql.ts";

export const NODE_COLUMNS = raw(`n.id::text AS "id", n.seq, n.workflow_id::text AS "workflowId",
  n.parent_id::text AS "parentId", n.client_id::text AS "clientId", n.parent_link_id::text AS "parentLinkId",
  n.name, n.mode, n.type, n.server_status AS "serverStatus", n.client_status AS "clientStatus",
  n.fires_at AS "firesAt", n.retries_remaining AS "retriesRemaining", n.retry_interval AS "retryInterval",
  n.complete_by AS "completeBy", n.client_data AS "clientData", n.metadata, n.attempt,
  n.created_at AS "createdAt", n.updated_at AS "updatedAt", n.traceparent`);

/**
 * Raw rows come back with the aliases above; dates and JSON are already decoded by the adapter. The
 * row becomes the record in place, its Dates kept: a pass or an addChildren maps 10,000 rows at once,
 * and a copy of each (with four new Dates) only doubled what is held until the transaction ends.
 */
export function toNodeRecord(row: Record<string, unknown>): NodeRecord {
  row.seq = typeof row.seq === "bigint" ? row.seq : BigInt(row.seq as number | string);
  row.firesAt = asDate(row.firesAt);
  row.completeBy = row.completeBy == null ? null : asDate(row.completeBy);
  row.createdAt = asDate(row.createdAt);
  row.updatedAt = asDate(row.updatedAt);
  row.clientData = decodeJson(row.clientData);
  row.metadata = decodeJson(row.metadata);
  return row as unknown as NodeRecord;
}

function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string);
}

function decodeJson(value: unknown): Record<string, unknown> {
  return (typeof value === "string" ? JSON.parse(value) : value) as Record<string, unknown>;
}
