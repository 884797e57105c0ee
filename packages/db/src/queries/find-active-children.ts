// The next-node pass's input: a parent's children that are neither complete nor deactivated, in
// creation order (a workflow's children are its top-level nodes). Uses the partial indexes.
import type { NodeRecord, ParentRef, PassChild } from "@backbeat/core";
import { query, raw, sql, type Sql, type SqlTx } from "../sql.ts";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { unfinishedSql } from "../status-sql.ts";

const PASS_CHILD_COLUMNS = raw(
  `id::text AS id, mode, server_status AS "serverStatus", fires_at AS "firesAt", client_data->'timeout' AS timeout`,
);

export async function findActiveChildren(db: Sql, parent: ParentRef): Promise<PassChild[]> {
  const rows =
    parent.kind === "node"
      ? await query<PassChild>(
          db,
          sql`
          SELECT ${PASS_CHILD_COLUMNS} FROM nodes
          WHERE parent_id = ${parent.id}::uuid AND ${unfinishedSql()} ORDER BY seq`,
        )
      : await query<PassChild>(
          db,
          sql`
          SELECT ${PASS_CHILD_COLUMNS} FROM nodes
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
      (SELECT coalesce(json_agg(json_build_object('id', c.id, 'mode', c.mode, 'serverStatus', c.server_status,
        'firesAt', c.fires_at, 'timeout', c.client_data->'timeout') ORDER BY c.seq), '[]')
       FROM nodes c WHERE c.parent_id = n.id AND ${unfinishedSql("c")}) AS "passChildren",
      (SELECT coalesce(json_agg(l.server_status), '[]') FROM nodes l WHERE l.parent_link_id = n.id) AS "passLinks"
    FROM nodes n WHERE n.id = ${id}::uuid FOR UPDATE OF n`,
  );
  const row = rows[0];
  if (!row) return null;
  const { passChildren, passLinks, ...node } = row;
  return {
    node: toNodeRecord(node),
    // JSON has no dates: fires_at arrives as text.
    children: (passChildren as (PassChild & { firesAt: string })[]).map((c) => ({
      ...c,
      firesAt: new Date(c.firesAt),
    })),
    links: passLinks as PassChild["serverStatus"][],
  };
}
