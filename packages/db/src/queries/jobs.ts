import { query, execute, sql, type Sql, type SqlTx } from "../sql.ts";
// Durable scheduled work done inside a transaction (passes, timed starts, retries, checks).
// Every insert wakes the engines with NOTIFY, delivered when the transaction commits.

export type JobKind = "pass" | "start" | "retry" | "connection_check";
export type JobRow = {
  id: bigint;
  kind: JobKind;
  nodeId: string | null;
  workflowId: string | null;
  runAt: Date;
  attempt: number;
  attempts: number;
  lastError: string | null;
};

export const WAKE_CHANNEL = "backbeat_work";

export async function enqueueJob(
  tx: SqlTx,
  job: { kind: Exclude<JobKind, "pass">; nodeId: string; runAt: Date; attempt?: number; lastError?: string },
): Promise<void> {
  await query(tx, sql`
    WITH j AS (
      INSERT INTO jobs (kind, node_id, run_at, attempt, last_error)
      VALUES (${job.kind}, ${job.nodeId}::uuid, ${job.runAt}, ${job.attempt ?? 0}, ${job.lastError ?? null})
      RETURNING id)
    SELECT pg_notify(${WAKE_CHANNEL}, 'jobs')::text FROM j`);
}

/**
 * Asks for a next-node pass on a node or workflow. At most one pass per parent waits: a second
 * request merges into it. DO UPDATE (not DO NOTHING) matters: it locks the waiting job, so it
 * cannot be claimed before this transaction commits, and so the pass always sees this change.
 * If that pass is already running, the upsert waits for it and then queues a fresh one.
 */
export async function enqueuePass(tx: SqlTx, target: { nodeId?: string; workflowId?: string }, runAt: Date): Promise<void> {
  const key = `pass:${target.nodeId ?? target.workflowId}`;
  await query(tx, sql`
    WITH j AS (
      INSERT INTO jobs (kind, node_id, workflow_id, run_at, dedupe_key)
      VALUES ('pass', ${target.nodeId ?? null}::uuid, ${target.workflowId ?? null}::uuid, ${runAt}, ${key})
      ON CONFLICT (dedupe_key) DO UPDATE SET run_at = LEAST(jobs.run_at, EXCLUDED.run_at)
      RETURNING id)
    SELECT pg_notify(${WAKE_CHANNEL}, 'jobs')::text FROM j`);
}

/** Claims one due job and holds its row lock until the transaction ends; other engines skip it. */
export async function claimDueJob(tx: SqlTx, now: Date): Promise<JobRow | null> {
  const rows = await query<JobRow>(tx, sql`
    SELECT id, kind, node_id::text AS "nodeId", workflow_id::text AS "workflowId", run_at AS "runAt", attempt, attempts, last_error AS "lastError"
    FROM jobs WHERE run_at <= ${now} ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`);
  return rows[0] ?? null;
}

export async function deleteJob(tx: Sql, id: bigint): Promise<void> {
  await execute(tx, sql`DELETE FROM jobs WHERE id = ${id}`);
}

/** A server-side failure: count it and try again later (reference §4.5). */
export async function rescheduleFailedJob(db: Sql, id: bigint, runAt: Date, error: string): Promise<void> {
  await execute(db, sql`UPDATE jobs SET attempts = attempts + 1, run_at = ${runAt}, last_error = ${error} WHERE id = ${id}`);
}

/** Restart removes a pending retry of the node, so it does not run twice. */
export async function deleteNodeJobs(tx: SqlTx, nodeId: string, kinds: JobKind[]): Promise<number> {
  return execute(tx, sql`DELETE FROM jobs WHERE node_id = ${nodeId}::uuid AND kind = ANY(${kinds})`);
}
