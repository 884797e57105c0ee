// ClientComplete for many nodes that wait for nothing (no children, no unfinished links), in one
// statement: each goes sent_to_client/<its client status> → processing_children/<outcome> →
// complete, as a compare-and-set on both statuses, with its three audit rows (the last as the
// engine's, with no response), exactly as transitionNode writes them one node at a time.
import { canTransitionClient, canTransitionServer, type ClientStatus, type NodeRecord } from "@backbeat/core";
import { query, sql, type SqlTx } from "../sql.ts";
import { statusIsByKey } from "../status-sql.ts";
import { countTransitions } from "../transition-tally.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { RETURNING_STATUS_NOTIFY } from "./status-channel.ts";
import { valuesById } from "./values-by-id.ts";

if (
  !canTransitionServer("sent_to_client", "processing_children") ||
  !canTransitionServer("processing_children", "complete")
) {
  throw new Error("transition tables no longer allow sent_to_client→processing_children→complete");
}

export type LeafCompletion = {
  node: NodeRecord;
  outcome: Extract<ClientStatus, "complete" | "resolved" | "shutdown">;
  response: unknown;
  actor: string;
};

/**
 * Applies those whose client transition the table allows and whose statuses are still the ones read;
 * returns the nodes it changed (the caller handles the others one by one). Each node at most once.
 */
export async function completeLeaves(tx: SqlTx, items: LeafCompletion[], now: Date): Promise<NodeRecord[]> {
  const valid = items.filter(
    (i) => i.node.serverStatus === "sent_to_client" && canTransitionClient(i.node.clientStatus, i.outcome),
  );
  if (valid.length === 0) return [];
  const values = valuesById(
    valid.map((i, ord) => ({ id: i.node.id, ord, i })),
    ({ ord, i }) => ({ ord, from: i.node.clientStatus, to: i.outcome, response: i.response ?? {}, actor: i.actor }),
  );
  // Each node's values by its id (values-by-id.ts) and its status through statusIsByKey: rows
  // looked up by key, nothing else for the planner to choose.
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`
    WITH n AS (
      UPDATE nodes SET server_status = 'complete', client_status = v.m -> nodes.id::text ->> 'to',
        complete_by = NULL, updated_at = ${now}
      FROM (SELECT ${values}::jsonb AS m) AS v
      WHERE nodes.id = ANY(${valid.map((i) => i.node.id)}::uuid[])
        AND ${statusIsByKey("nodes", "server_status", "sent_to_client")}
        AND nodes.client_status = v.m -> nodes.id::text ->> 'from'
      RETURNING nodes.*, v.m -> nodes.id::text AS reported),
    audit AS (
      INSERT INTO status_changes (node_id, workflow_id, status_type, from_status, to_status, response, actor, created_at)
      SELECT n.id, n.workflow_id, s.type, s.from_status, s.to_status, s.response, s.actor, ${now}
      FROM n CROSS JOIN LATERAL (VALUES
        (0, 'client', n.reported ->> 'from', n.client_status, n.reported -> 'response', n.reported ->> 'actor'),
        (1, 'server', 'sent_to_client', 'processing_children', n.reported -> 'response', n.reported ->> 'actor'),
        (2, 'server', 'processing_children', 'complete', '{}'::jsonb, 'engine')) AS s(o, type, from_status, to_status, response, actor)
      ORDER BY (n.reported ->> 'ord')::int, s.o
      ${RETURNING_STATUS_NOTIFY})
    SELECT ${NODE_COLUMNS} FROM n ORDER BY (n.reported ->> 'ord')::int`,
  );
  const done = rows.map(toNodeRecord);
  for (const node of done) countTransitions(tx, "client", node.clientStatus, 1);
  countTransitions(tx, "server", "processing_children", done.length);
  countTransitions(tx, "server", "complete", done.length);
  return done;
}
