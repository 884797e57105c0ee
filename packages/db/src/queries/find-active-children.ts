// The next-node pass's input: a parent's children that are neither complete nor deactivated, in
// creation order (a workflow's children are its top-level nodes). Uses the partial indexes.
import type { NodeRecord, ParentRef, PassChild } from "@backbeat/core";
import { query, sql, type Sql, type SqlTx } from "../sql.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { unfinishedSql } from "../status-sql.ts";

export async function findActiveChildren(db: Sql, parent: ParentRef): Promise<PassChild[]> {
  const rows =
    parent.kind === "node"
      ? await query<PassChild>(
          db,
          sql`
          SELECT id::text AS id, mode, server_status AS "serverStatus" FROM nodes
          WHERE parent_id = ${parent.id}::uuid AND ${unfinishedSql()} ORDER BY seq`,
        )
      : await query<PassChild>(
          db,
          sql`
          SELECT id::text AS id, mode, server_status AS "serverStatus" FROM nodes
          WHERE workflow_id = ${parent.id}::uuid AND parent_id IS NULL AND ${unfinishedSql()}
          ORDER BY seq`,
        );
  return rows;
}

/**
 * A node's pass in one round trip: the node itself, locked, with its unfinished children (in
 * creation order) and the statuses of the nodes linked to it. Null if there is no such node.
 */
export async function lockNodeForPass(
  tx: SqlTx,
  id: string,
): Promise<{ node: NodeRecord; children: PassChild[]; links: PassChild["serverStatus"][] } | null> {
  const rows = await query<Record<string, unknown>>(
    tx,
    sql`
    SELECT ${NODE_COLUMNS},
      (SELECT coalesce(json_agg(json_build_object('id', c.id, 'mode', c.mode, 'serverStatus', c.server_status) ORDER BY c.seq), '[]')
       FROM nodes c WHERE c.parent_id = n.id AND ${unfinishedSql("c")}) AS "passChildren",
      (SELECT coalesce(json_agg(l.server_status), '[]') FROM nodes l WHERE l.parent_link_id = n.id) AS "passLinks"
    FROM nodes n WHERE n.id = ${id}::uuid FOR UPDATE OF n`,
  );
  const row = rows[0];
  if (!row) return null;
  const { passChildren, passLinks, ...node } = row;
  return {
    node: toNodeRecord(node),
    children: passChildren as PassChild[],
    links: passLinks as PassChild["serverStatus"][],
  };
}
