// One node's status change: checked against the transition tables, written as a compare-and-set
// on both statuses, with one audit row per changed status, in one statement. The bulk writers
// (markChildrenReady, startReadyNodes, sendNodes, completeLeaves, the deactivate family) write
// many nodes the same way, their transitions checked against the tables when they load.
import {
  canTransitionClient,
  canTransitionServer,
  InvalidTransitionError,
  StaleTransitionError,
  type ClientStatus,
  type NodeRecord,
  type ServerStatus,
} from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { query, sql, join, empty, type SqlTx } from "../sql.ts";
import { countTransitions } from "../transition-tally.ts";
import { RETURNING_STATUS_NOTIFY } from "./status-channel.ts";

export type StatusStep = ({ type: "server"; to: ServerStatus } | { type: "client"; to: ClientStatus }) & {
  /** A step that follows by itself (e.g. complete right after the client's report): recorded as the engine's, with no response. */
  byEngine?: boolean;
};

export type Transition = {
  /** The status changes, in the order their audit rows are written. */
  steps: StatusStep[];
  /** Other columns that change with the statuses. */
  set?: { completeBy?: Date | null; firesAt?: Date; retriesRemaining?: number; attempt?: number };
  response?: unknown;
  actor?: string;
  now: Date;
};

/** Validates every step first (nothing is written if one fails), then applies them as one CAS. */
export async function transitionNode(tx: SqlTx, node: NodeRecord, t: Transition): Promise<NodeRecord> {
  let server = node.serverStatus;
  let client = node.clientStatus;
  for (const step of t.steps) {
    if (step.type === "server") {
      if (!canTransitionServer(server, step.to)) throw new InvalidTransitionError("server", server, step.to);
      server = step.to;
    } else {
      if (!canTransitionClient(client, step.to)) throw new InvalidTransitionError("client", client, step.to);
      client = step.to;
    }
  }
  const next = { ...node, ...t.set, serverStatus: server, clientStatus: client };
  const response = JSON.stringify(t.response ?? {});
  const actor = t.actor ?? "engine";
  // Each step's "from" is the status before it (a type's second step starts where its first ended).
  const before = { server: node.serverStatus as string, client: node.clientStatus as string };
  const audit = t.steps.map((step, i) => {
    const from = before[step.type];
    before[step.type] = step.to;
    return step.byEngine
      ? sql`(${i}, ${step.type}, ${from}, ${step.to}, '{}'::jsonb, 'engine')`
      : sql`(${i}, ${step.type}, ${from}, ${step.to}, ${response}::jsonb, ${actor})`;
  });
  const auditInsert =
    audit.length === 0
      ? empty
      : sql`, audit AS (
          INSERT INTO status_changes (node_id, workflow_id, status_type, from_status, to_status, response, actor, created_at)
          SELECT n.id, n.workflow_id, s.type, s.from_status, s.to_status, s.response, s.actor, ${t.now}
          FROM n, (VALUES ${join(audit)}) AS s(ord, type, from_status, to_status, response, actor) ORDER BY s.ord
          ${RETURNING_STATUS_NOTIFY})`;
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`
    WITH n AS (
      UPDATE nodes SET server_status = ${next.serverStatus}, client_status = ${next.clientStatus},
        complete_by = ${next.completeBy}, fires_at = ${next.firesAt}, retries_remaining = ${next.retriesRemaining},
        attempt = ${next.attempt}, updated_at = ${t.now}
      WHERE id = ${node.id}::uuid AND server_status = ${node.serverStatus} AND client_status = ${node.clientStatus}
      RETURNING *)${auditInsert}
    SELECT ${NODE_COLUMNS} FROM n`,
  );
  if (rows[0]) {
    for (const step of t.steps) countTransitions(tx, step.type, step.to, 1);
    return toNodeRecord(rows[0]);
  }
  const current = await query<{ s: string; c: string }>(
    tx,
    sql`
    SELECT server_status AS s, client_status AS c FROM nodes WHERE id = ${node.id}::uuid`,
  );
  const now = current[0] ? `${current[0].s}/${current[0].c}` : "deleted";
  throw new StaleTransitionError(node.id, now, `${server}/${client}`);
}
