// Open nodesToRun subscriptions (pull workers), shared by every server process: a row per open
// subscription, refreshed by its process; a row not refreshed for PULL_WORKER_STALE_SECONDS (its
// process crashed) no longer counts. Times are the database's own, so process clocks do not matter.
import { query, sql, type Sql } from "../sql.ts";

export const PULL_WORKER_STALE_SECONDS = 30;

export async function insertPullWorker(db: Sql, w: { id: string; clientId: string; processId: string }): Promise<void> {
  await query(
    db,
    sql`INSERT INTO pull_workers (id, client_id, process_id, seen_at) VALUES (${w.id}::uuid, ${w.clientId}::uuid, ${w.processId}, now())`,
  );
}

/** Marks a process's open subscriptions as still open (and forgets long-dead rows on the way). */
export async function refreshPullWorkers(db: Sql, ids: string[]): Promise<void> {
  await query(db, sql`UPDATE pull_workers SET seen_at = now() WHERE id = ANY(${ids}::uuid[])`);
  await query(db, sql`DELETE FROM pull_workers WHERE seen_at < now() - interval '1 day'`);
}

export async function deletePullWorkers(db: Sql, ids: string[]): Promise<void> {
  await query(db, sql`DELETE FROM pull_workers WHERE id = ANY(${ids}::uuid[])`);
}
