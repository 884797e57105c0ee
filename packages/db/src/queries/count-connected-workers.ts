// How many pull workers each client has connected now, on any server process.
import { PULL_WORKER_STALE_SECONDS } from "./pull-workers.ts";
import { query, sql, type Sql } from "../sql.ts";

export async function countConnectedWorkers(db: Sql, clientIds: string[]): Promise<Map<string, number>> {
  const rows = await query<{ clientId: string; count: number }>(
    db,
    sql`SELECT client_id::text AS "clientId", count(*)::int AS count FROM pull_workers
    WHERE client_id = ANY(${clientIds}::uuid[]) AND seen_at > now() - make_interval(secs => ${PULL_WORKER_STALE_SECONDS})
    GROUP BY client_id`,
  );
  return new Map(rows.map((r) => [r.clientId, r.count]));
}
