// Everything that can hold a node back, read in one statement for Node.whyNotRunning: its
// workflow's flags, the first earlier unfinished blocking sibling (reference §3.5), its unfinished
// children and the unfinished nodes linked to it, its parent, and whether it is pulled (core's deliveryRoute)
// (and with how many workers connected now).
import {
  deliveryRoute,
  SIBLING_BLOCKING_MODE,
  UNWAITED_MODE,
  type DeliveryEndpoints,
  type NodeType,
  type RelatedNodeFacts,
  type WhyNotRunningFacts,
} from "@backbeat/core";
import { PULL_WORKER_STALE_SECONDS } from "./pull-workers.ts";
import { query, sql, type Sql } from "../sql.ts";
import { modeLiteral, unfinishedSql } from "../status-sql.ts";

const RELATED = sql`json_build_object('id', r.id::text, 'name', r.name, 'mode', r.mode,
  'serverStatus', r.server_status, 'clientStatus', r.client_status)`;

export async function findWhyNotRunningFacts(db: Sql, nodeId: string): Promise<WhyNotRunningFacts | null> {
  type Row = Omit<WhyNotRunningFacts, "clientPulls"> & { type: NodeType } & DeliveryEndpoints;
  const rows = await query<Row>(
    db,
    sql`SELECT w.paused AS "workflowPaused", w.complete AS "workflowComplete", c.name AS "clientName",
      n.type, c.activity_endpoint AS "activityEndpoint", c.decision_endpoint AS "decisionEndpoint",
      (SELECT count(*)::int FROM pull_workers pw WHERE pw.client_id = n.client_id
        AND pw.seen_at > now() - make_interval(secs => ${PULL_WORKER_STALE_SECONDS})) AS "connectedWorkers",
      (SELECT ${RELATED} FROM nodes r WHERE r.workflow_id = n.workflow_id
        AND r.parent_id IS NOT DISTINCT FROM n.parent_id AND r.seq < n.seq AND r.mode = ${modeLiteral(SIBLING_BLOCKING_MODE)}
        AND ${unfinishedSql("r")} ORDER BY r.seq LIMIT 1) AS "blockingSibling",
      (SELECT count(*)::int FROM nodes r WHERE r.parent_id = n.id AND r.mode <> ${modeLiteral(UNWAITED_MODE)}) AS "waitedChildCount",
      (SELECT COALESCE(json_agg(${RELATED} ORDER BY r.seq), '[]') FROM nodes r WHERE r.parent_id = n.id
        AND ${unfinishedSql("r")}) AS children,
      (SELECT COALESCE(json_agg(${RELATED} ORDER BY r.seq), '[]') FROM nodes r WHERE r.parent_link_id = n.id
        AND ${unfinishedSql("r")}) AS links,
      (SELECT json_build_object('id', r.id::text, 'name', r.name, 'mode', r.mode, 'serverStatus', r.server_status,
        'clientStatus', r.client_status, 'firesAt', r.fires_at, 'completeBy', r.complete_by)
        FROM nodes r WHERE r.id = n.parent_id) AS parent
    FROM nodes n JOIN workflows w ON w.id = n.workflow_id JOIN clients c ON c.id = n.client_id
    WHERE n.id = ${nodeId}::uuid`,
  );
  const row = rows[0];
  if (!row) return null;
  const { type, activityEndpoint, decisionEndpoint, ...facts } = row;
  const parent = facts.parent as (RelatedNodeFacts & { firesAt: string; completeBy: string | null }) | null;
  return {
    ...facts,
    clientPulls: deliveryRoute({ type }, { activityEndpoint, decisionEndpoint }).kind === "pull",
    parent: parent && {
      ...parent,
      firesAt: new Date(parent.firesAt),
      completeBy: parent.completeBy === null ? null : new Date(parent.completeBy),
    },
  };
}
