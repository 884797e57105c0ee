// The next-node pass's input: a parent's children that are neither complete nor deactivated, in
// creation order (a workflow's children are its top-level nodes). Uses the partial indexes.
import type { ParentRef, PassChild } from "@backbeat/core";
import { query, sql, type Sql } from "../sql.ts";

export async function findActiveChildren(db: Sql, parent: ParentRef): Promise<PassChild[]> {
  const rows =
    parent.kind === "node"
      ? await query<PassChild>(db, sql`
          SELECT id::text AS id, mode, server_status AS "serverStatus" FROM nodes
          WHERE parent_id = ${parent.id}::uuid AND server_status NOT IN ('complete', 'deactivated') ORDER BY seq`)
      : await query<PassChild>(db, sql`
          SELECT id::text AS id, mode, server_status AS "serverStatus" FROM nodes
          WHERE workflow_id = ${parent.id}::uuid AND parent_id IS NULL AND server_status NOT IN ('complete', 'deactivated')
          ORDER BY seq`);
  return rows;
}

/** Server statuses of the nodes linked to a node (parent_link_id): it may not complete before them. */
export async function findLinkStatuses(db: Sql, nodeId: string): Promise<PassChild["serverStatus"][]> {
  const rows = await query<{ s: PassChild["serverStatus"] }>(db, sql`
    SELECT server_status AS s FROM nodes WHERE parent_link_id = ${nodeId}::uuid`);
  return rows.map((r) => r.s);
}

/** The pass's whole input in one round trip: unfinished children, and the statuses of links. */
export async function findPassInput(db: Sql, parent: ParentRef): Promise<{ children: PassChild[]; links: PassChild["serverStatus"][] }> {
  if (parent.kind === "workflow") return { children: await findActiveChildren(db, parent), links: [] };
  const rows = await query<{ link: boolean; id: string; mode: PassChild["mode"]; serverStatus: PassChild["serverStatus"] }>(db, sql`
    (SELECT false AS link, id::text AS id, mode, server_status AS "serverStatus", seq FROM nodes
     WHERE parent_id = ${parent.id}::uuid AND server_status NOT IN ('complete', 'deactivated'))
    UNION ALL
    (SELECT true, id::text, mode, server_status, seq FROM nodes WHERE parent_link_id = ${parent.id}::uuid)
    ORDER BY seq`);
  return {
    children: rows.filter((r) => !r.link).map(({ id, mode, serverStatus }) => ({ id, mode, serverStatus })),
    links: rows.filter((r) => r.link).map((r) => r.serverStatus),
  };
}
