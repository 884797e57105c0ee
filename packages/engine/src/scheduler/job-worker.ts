// Claims and runs due jobs, several per transaction (each job's effects and its deletion commit
// together). If a batch fails, its jobs are run one by one so that only the failing job counts a
// failure: it is tried again 30 s later, and after the fifth failure its node is ERRORED
// (reference §4.5).
import { SERVER_ERROR_MAX_ATTEMPTS, SERVER_ERROR_RETRY_MS } from "@backbeat/core";
import {
  claimDueJobs,
  claimJob,
  deleteJob,
  deleteJobs,
  lockNode,
  rescheduleFailedJob,
  type JobRow,
} from "@backbeat/db";
import type { EngineContext, TxContext } from "../context.ts";
import { serverError } from "../events/server-error.ts";
import { inTransaction } from "../transaction.ts";
import { runJob } from "./run-job.ts";

/** Jobs claimed and run per transaction. */
export const JOB_BATCH = 20;

/** Returns how many jobs were run (0: none was due). */
export async function runDueJobs(ctx: EngineContext): Promise<number> {
  let claimed: JobRow[] = [];
  try {
    return await inTransaction(ctx, async (t) => {
      claimed = await claimDueJobs(t.tx, t.now, JOB_BATCH);
      for (const job of claimed) await runOne(t, job);
      await deleteJobs(
        t.tx,
        claimed.map((j) => j.id),
      );
      return claimed.length;
    });
  } catch (error) {
    if (claimed.length === 0) throw error;
    for (const job of claimed) await runJobAlone(ctx, job.id);
    return claimed.length;
  }
}

async function runOne(t: TxContext, job: JobRow): Promise<void> {
  t.beforeJob?.({ kind: job.kind, nodeId: job.nodeId, attempts: job.attempts });
  await runJob(t, job);
}

async function runJobAlone(ctx: EngineContext, id: bigint): Promise<void> {
  let claimed: JobRow | null = null;
  try {
    await inTransaction(ctx, async (t) => {
      claimed = await claimJob(t.tx, id, t.now);
      if (!claimed) return;
      await runOne(t, claimed);
      await deleteJob(t.tx, claimed.id);
    });
  } catch (error) {
    if (!claimed) throw error;
    await recordJobFailure(ctx, claimed, error);
  }
}

async function recordJobFailure(ctx: EngineContext, job: JobRow, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const attempts = job.attempts + 1;
  ctx.log("warn", "job failed", { jobId: job.id, kind: job.kind, nodeId: job.nodeId, attempts, error: message });
  if (attempts < SERVER_ERROR_MAX_ATTEMPTS) {
    await rescheduleFailedJob(ctx.sql, job.id, new Date(ctx.clock.now().getTime() + SERVER_ERROR_RETRY_MS), message);
    return;
  }
  await inTransaction(ctx, async (t) => {
    const node = job.nodeId ? await lockNode(t.tx, job.nodeId) : null;
    if (node) await serverError(t, node, message);
    else
      ctx.log("error", "job abandoned after repeated failures", {
        jobId: job.id,
        kind: job.kind,
        workflowId: job.workflowId,
      });
    await deleteJob(t.tx, job.id);
  });
}
