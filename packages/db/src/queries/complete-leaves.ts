// ClientComplete for many nodes that wait for nothing (no children, no unfinished links), in one
// statement: each goes sent_to_client/<its client status> → processing_children/<outcome> →
// complete, as a compare-and-set on both statuses, with its three audit rows (the last as the
// engine's, with no response), exactly as transitionNode writes them one node at a time.
import { canTransitionClient, canTransitionServer, type ClientStatus, type NodeRecord } from "@backbeat/core";
import { query, sql, type SqlTx } from "../sql.ts";
import { countTransitions } from "../transition-tally.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { RETURNING_STATUS_NOTIFY } from "./status-channel.ts";

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
 * returns the nodes it changed (the caller handles the others one by one).
 */
export async function completeLeaves(tx: SqlTx, items: LeafCompletion[], now: Date): Promise<NodeRecord[]> {
  const valid = items.filter(
    (i) => i.node.serverStatus === "sent_to_client" && canTransitionClient(i.node.clientStatus, i.outcome),
  );
  if (valid.length === 0) return [];
  const payload = JSON.stringify(
    valid.map((i, ord) => ({
      id: i.node.id,
      ord,
      from_client: i.node.clientStatus,
      client_to: i.outcome,
      response: i.response ?? {},
      actor: i.actor,
    })),
  );
  // \`id = ANY(…)\` as well as the join: the planner then looks the rows up by key. It guesses 100
  // rows for jsonb_to_recordset and, with a young table's statistics, hashed every sent node instead.
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`
    WITH v AS (
      SELECT * FROM jsonb_to_recordset(${payload}::jsonb)
        AS v(id uuid, ord int, from_client text, client_to text, response jsonb, actor text)),
    n AS (
      UPDATE nodes SET server_status = 'complete', client_status = v.client_to, complete_by = NULL, updated_at = ${now}
      FROM v WHERE nodes.id = ANY(${valid.map((i) => i.node.id)}::uuid[]) AND nodes.id = v.id
        AND nodes.server_status = 'sent_to_client' AND nodes.client_status = v.from_client
      RETURNING nodes.*, v.ord, v.from_client, v.response AS reported, v.actor AS reporter),
    audit AS (
      INSERT INTO status_changes (node_id, workflow_id, status_type, from_status, to_status, response, actor, created_at)
      SELECT n.id, n.workflow_id, s.type, s.from_status, s.to_status, s.response, s.actor, ${now}
      FROM n CROSS JOIN LATERAL (VALUES
        (0, 'client', n.from_client, n.client_status, n.reported, n.reporter),
        (1, 'server', 'sent_to_client', 'processing_children', n.reported, n.reporter),
        (2, 'server', 'processing_children', 'complete', '{}'::jsonb, 'engine')) AS s(o, type, from_status, to_status, response, actor)
      ORDER BY n.ord, s.o
      ${RETURNING_STATUS_NOTIFY})
    SELECT ${NODE_COLUMNS} FROM n ORDER BY n.ord`,
  );
  const done = rows.map(toNodeRecord);
  for (const node of done) countTransitions(tx, "client", node.clientStatus, 1);
  countTransitions(tx, "server", "processing_children", done.length);
  countTransitions(tx, "server", "complete", done.length);
  return done;
}
