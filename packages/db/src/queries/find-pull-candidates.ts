// Nodes of a pulling client (one without an activity endpoint) that the engine sent and that are
// not finished: waiting for a worker (sent_to_client/received) or started by one
// (sent_to_client/processing), oldest first. Which of them a subscription already holds is not
// known here: the caller excludes its own and skips those another process has locked. A decision
// goes to the decision endpoint when the client has one, so it is not pulled.
import type { NodeRecord } from "@backbeat/core";
import { NODE_COLUMNS, toNodeRecord } from "./node-row.ts";
import { empty, query, sql, type Sql } from "../sql.ts";

export async function findPullCandidates(
  db: Sql,
  client: { id: string; decisionEndpoint: string | null },
  excludeIds: string[],
  limit: number,
): Promise<NodeRecord[]> {
  const decisions = client.decisionEndpoint ? sql` AND n.type <> 'decision'` : empty;
  const rows = await query<Record<string, unknown>>(
    db,
    sql`
    SELECT ${NODE_COLUMNS} FROM nodes n
    WHERE n.client_id = ${client.id}::uuid AND n.server_status = 'sent_to_client' AND n.client_status IN ('received', 'processing')
      AND NOT (n.id::text = ANY(${excludeIds}::text[]))${decisions}
    ORDER BY n.seq LIMIT ${limit}`,
  );
  return rows.map(toNodeRecord);
}
