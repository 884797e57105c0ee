import type { ParentRef } from "@backbeat/core";
import { execute, query, raw, sql, type Sql, type SqlTx } from "../sql.ts";
import { parentsWithNoChildLeftSql } from "./fan-in.ts";
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
/** The payload of a wake for new jobs (an outbound call's is OUTBOUND_WAKE). */
export const JOBS_WAKE = "jobs";

export async function enqueueJob(
  tx: SqlTx,
  job: { kind: Exclude<JobKind, "pass">; nodeId: string; runAt: Date; attempt?: number; lastError?: string },
): Promise<void> {
  await query(
    tx,
    sql`
    WITH j AS (
      INSERT INTO jobs (kind, node_id, run_at, attempt, last_error)
      VALUES (${job.kind}, ${job.nodeId}::uuid, ${job.runAt}, ${job.attempt ?? 0}, ${job.lastError ?? null})
      RETURNING id)
    SELECT pg_notify(${WAKE_CHANNEL}, ${JOBS_WAKE})::text FROM j`,
  );
}

/** A pass to queue; `whenNoChildLeft`: only if the parent waits for no unfinished child (see fan-in.ts). */
export type PassRequest = ParentRef & { whenNoChildLeft?: boolean };

/**
 * Asks for next-node passes on nodes or workflows; the last statement of a transaction. At most
 * one pass per parent waits: a second request merges into it. DO UPDATE (not DO NOTHING)
 * matters: it locks the waiting job, so it cannot be claimed before this transaction commits,
 * and so the pass always sees this change. If that pass is already running, the upsert waits for
 * it and then queues a fresh one. Rows are written in key order, so two transactions never wait
 * on each other in a cycle. One statement, sent at once: the engine sends COMMIT right behind it.
 */
export function enqueuePasses(tx: SqlTx, requests: PassRequest[], runAt: Date): Promise<unknown> {
  const conditional = requests.filter((r) => r.whenNoChildLeft).map((r) => r.id);
  const rows = requests
    .map((t) => ({
      key: `pass:${t.id}`,
      id: t.id,
      nodeId: t.kind === "node" ? t.id : null,
      workflowId: t.kind === "workflow" ? t.id : null,
      whenNoChildLeft: t.whenNoChildLeft === true,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  // The fan-in turns and check, when asked for, run in this same statement (one round trip), all
  // of them before any job row is written: the insert reads its rows joined to their result.
  const done =
    conditional.length > 0 ? parentsWithNoChildLeftSql(conditional) : sql`SELECT NULL::uuid AS id WHERE false`;
  return query(
    tx,
    sql`
    WITH done AS MATERIALIZED (SELECT array_agg(id) AS ids FROM (${done}) AS d),
    j AS (
      INSERT INTO jobs (kind, node_id, workflow_id, run_at, dedupe_key)
      SELECT 'pass', (e->>'nodeId')::uuid, (e->>'workflowId')::uuid, ${runAt}, e->>'key'
      FROM done, jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS x(e, ord)
      WHERE NOT (e->>'whenNoChildLeft')::boolean OR (e->>'id')::uuid = ANY(done.ids)
      ORDER BY x.ord
      ON CONFLICT (dedupe_key) DO UPDATE SET run_at = LEAST(jobs.run_at, EXCLUDED.run_at)
      RETURNING id)
    SELECT pg_notify(${WAKE_CHANNEL}, ${JOBS_WAKE})::text FROM j LIMIT 1`,
  );
}

/**
 * Takes the pass on this parent for the calling transaction, to run it now rather than queue it.
 * Its job row is written (or a waiting one taken over) and stays locked until commit, so no other
 * pass on this parent runs meanwhile; a pass running now is waited for first, as in enqueuePasses.
 * Delete the row (deleteJob) once the pass has run: the pass it stood for is done.
 */
export async function takePass(tx: SqlTx, target: ParentRef, runAt: Date): Promise<bigint> {
  const rows = await query<{ id: bigint }>(
    tx,
    sql`
    INSERT INTO jobs (kind, node_id, workflow_id, run_at, dedupe_key)
    VALUES ('pass', ${target.kind === "node" ? target.id : null}::uuid,
      ${target.kind === "workflow" ? target.id : null}::uuid, ${runAt}, ${`pass:${target.id}`})
    ON CONFLICT (dedupe_key) DO UPDATE SET run_at = jobs.run_at
    RETURNING id`,
  );
  return rows[0]!.id;
}

const JOB_COLUMNS = raw(`id, kind, node_id::text AS "nodeId", workflow_id::text AS "workflowId", run_at AS "runAt",
  attempt, attempts, last_error AS "lastError"`);

/** Claims up to `limit` due jobs and holds their row locks until the transaction ends; other engines skip them. */
export function claimDueJobs(tx: SqlTx, now: Date, limit: number): Promise<JobRow[]> {
  return query<JobRow>(
    tx,
    sql`
    SELECT ${JOB_COLUMNS} FROM jobs WHERE run_at <= ${now} ORDER BY run_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
  );
}

/** Claims one particular job, if it is still due and nobody else holds it. */
export async function claimJob(tx: SqlTx, id: bigint, now: Date): Promise<JobRow | null> {
  const rows = await query<JobRow>(
    tx,
    sql`
    SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ${id} AND run_at <= ${now} FOR UPDATE SKIP LOCKED`,
  );
  return rows[0] ?? null;
}

export async function deleteJobs(tx: Sql, ids: bigint[]): Promise<void> {
  if (ids.length > 0) await execute(tx, sql`DELETE FROM jobs WHERE id = ANY(${ids}::bigint[])`);
}

export async function deleteJob(tx: Sql, id: bigint): Promise<void> {
  await execute(tx, sql`DELETE FROM jobs WHERE id = ${id}`);
}

/** A server-side failure: count it and try again later (reference §4.5). */
export async function rescheduleFailedJob(db: Sql, id: bigint, runAt: Date, error: string): Promise<void> {
  await execute(
    db,
    sql`UPDATE jobs SET attempts = attempts + 1, run_at = ${runAt}, last_error = ${error} WHERE id = ${id}`,
  );
}

/** Restart removes a pending retry of the node, so it does not run twice. */
export async function deleteNodeJobs(tx: SqlTx, nodeId: string, kinds: JobKind[]): Promise<number> {
  return execute(tx, sql`DELETE FROM jobs WHERE node_id = ${nodeId}::uuid AND kind = ANY(${kinds})`);
}
