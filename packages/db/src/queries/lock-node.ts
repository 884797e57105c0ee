import type { NodeRecord } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { query, sql, type SqlTx } from "../sql.ts";
import { unfinishedByKeySql } from "../status-sql.ts";

/** Reads a node and holds its row lock until the transaction ends. */
export async function lockNode(tx: SqlTx, id: string): Promise<NodeRecord | null> {
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.id = ${id}::uuid FOR UPDATE`,
  );
  return rows[0] ? toNodeRecord(rows[0]) : null;
}

/** A node as a report about it needs it: locked, with what it may still wait for once its client is done. */
export type ReportTarget = {
  node: NodeRecord;
  /** It has children that are not deactivated: finishing it makes them ready (MarkChildrenReady). */
  hasChildren: boolean;
  /** Nodes linked to it are unfinished: it cannot complete before they do. */
  waitsForLinks: boolean;
};

// Which of `ids` have children or unfinished links, each asked once for the whole list by key
// (`= ANY`), not as an EXISTS per node: the planner may run a correlated EXISTS as a scan of all of
// nodes, and did, per reported node (120 ms a report batch at 40,000 nodes). unfinishedByKeySql: or it
// scans the unfinished nodes' partial index for the links.
const reportTargetColumns = (ids: string[]) => sql`${NODE_COLUMNS},
  n.id = ANY(ARRAY(SELECT DISTINCT c.parent_id FROM nodes c
    WHERE c.parent_id = ANY(${ids}::uuid[]) AND c.server_status <> 'deactivated')) AS "hasChildren",
  n.id = ANY(ARRAY(SELECT DISTINCT l.parent_link_id FROM nodes l
    WHERE l.parent_link_id = ANY(${ids}::uuid[]) AND ${unfinishedByKeySql("l")})) AS "waitsForLinks"`;

function toReportTarget(row: Record<string, unknown>): ReportTarget {
  const { hasChildren, waitsForLinks, ...node } = row;
  return { node: toNodeRecord(node), hasChildren: hasChildren === true, waitsForLinks: waitsForLinks === true };
}

/** lockNode, plus what finishing the node involves: most nodes have no children and no links. */
export async function lockNodeForReport(tx: SqlTx, id: string): Promise<ReportTarget | null> {
  return (await lockNodesForReport(tx, [id])).get(id) ?? null;
}

/** lockNodeForReport for many nodes in one statement, locked in id order (two batches never wait on each other in a cycle). */
export async function lockNodesForReport(tx: SqlTx, ids: string[]): Promise<Map<string, ReportTarget>> {
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`SELECT ${reportTargetColumns(ids)} FROM nodes n WHERE n.id = ANY(${ids}::uuid[]) ORDER BY n.id FOR UPDATE OF n`,
  );
  return new Map(rows.map((r) => [String(r.id), toReportTarget(r)]));
}
