// The deactivation flavours of reference §3.10. Deactivation is allowed from every server status,
// so these are bulk writes: one audit row per node actually changed (deactivated ones are skipped).
import { SERVER_STATUSES } from "@backbeat/core";
import { query, sql, type SqlFragment, type SqlTx } from "../sql.ts";
import { assertBulkTransitions } from "../status-sql.ts";
import { countTransitions } from "../transition-tally.ts";
import { RETURNING_STATUS_NOTIFY } from "./status-channel.ts";

// The statement deactivates a node in any server status (but deactivated: skipped): the table must allow all.
assertBulkTransitions(
  "server",
  SERVER_STATUSES.filter((s) => s !== "deactivated"),
  "deactivated",
);

/** A node just deactivated, with the node it links to: a link that no longer blocks (PRODUCT.md #6). */
export type DeactivatedNode = { id: string; parentLinkId: string | null };

async function deactivate(
  tx: SqlTx,
  targets: SqlFragment,
  now: Date,
  actor: string,
  response: unknown,
): Promise<DeactivatedNode[]> {
  const rows = await query<DeactivatedNode>(
    tx,
    sql`
    WITH RECURSIVE targets AS (${targets}),
    -- Lock first: FOR UPDATE re-reads a row changed concurrently, so the audit's from_status is exact.
    locked AS (SELECT id, server_status AS old_status FROM nodes WHERE id IN (SELECT id FROM targets) FOR UPDATE),
    n AS (
      UPDATE nodes SET server_status = 'deactivated', complete_by = NULL, updated_at = ${now}
      FROM locked t WHERE nodes.id = t.id AND t.old_status <> 'deactivated'
      RETURNING nodes.id, nodes.workflow_id, nodes.seq, nodes.parent_link_id, t.old_status),
    audit AS (
      INSERT INTO status_changes (node_id, workflow_id, status_type, from_status, to_status, response, actor, created_at)
      SELECT n.id, n.workflow_id, 'server', n.old_status, 'deactivated', ${JSON.stringify(response ?? {})}::jsonb, ${actor}, ${now}
      FROM n ORDER BY n.seq
      ${RETURNING_STATUS_NOTIFY})
    SELECT id::text AS id, parent_link_id::text AS "parentLinkId" FROM n`,
  );
  countTransitions(tx, "server", "deactivated", rows.length);
  return rows;
}

/** Every descendant of a node (reset, retry), optionally the node itself too (cancel). */
export function deactivateSubtree(
  tx: SqlTx,
  rootId: string,
  includeRoot: boolean,
  now: Date,
  actor = "engine",
  response?: unknown,
) {
  return deactivate(
    tx,
    sql`
      SELECT id FROM nodes WHERE ${includeRoot ? sql`id` : sql`parent_id`} = ${rootId}::uuid
      UNION ALL
      SELECT c.id FROM nodes c JOIN targets ON c.parent_id = targets.id`,
    now,
    actor,
    response,
  );
}

/** Every node of the workflow created before `seq` (the "deactivated" report: continue as new). */
export function deactivateEarlierNodes(tx: SqlTx, workflowId: string, seq: bigint, now: Date, actor = "engine") {
  return deactivate(
    tx,
    sql`SELECT id FROM nodes WHERE workflow_id = ${workflowId}::uuid AND seq < ${seq}`,
    now,
    actor,
    undefined,
  );
}

/** Later siblings of a node and their subtrees (shutdown of a blocking node). */
export function deactivateLaterSiblings(
  tx: SqlTx,
  node: { workflowId: string; parentId: string | null; seq: bigint },
  now: Date,
  actor = "engine",
) {
  const siblings = node.parentId
    ? sql`parent_id = ${node.parentId}::uuid`
    : sql`workflow_id = ${node.workflowId}::uuid AND parent_id IS NULL`;
  return deactivate(
    tx,
    sql`
      SELECT id FROM nodes WHERE ${siblings} AND seq > ${node.seq}
      UNION ALL
      SELECT c.id FROM nodes c JOIN targets ON c.parent_id = targets.id`,
    now,
    actor,
    undefined,
  );
}
