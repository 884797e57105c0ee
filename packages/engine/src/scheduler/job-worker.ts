// Claims and runs one due job. A failure rolls the job's transaction back; the job is then tried
// again 30 s later, and after the fifth failure its node is ERRORED (reference §4.5).
import { SERVER_ERROR_MAX_ATTEMPTS, SERVER_ERROR_RETRY_MS } from "@backbeat/core";
import { claimDueJob, deleteJob, lockNode, rescheduleFailedJob, type JobRow } from "@backbeat/db";
import type { EngineContext } from "../context.ts";
import { serverError } from "../events/server-error.ts";
import { inTransaction } from "../transaction.ts";
import { runJob } from "./run-job.ts";

/** Returns false when no job was due. */
export async function runNextJob(ctx: EngineContext): Promise<boolean> {
  let claimed: JobRow | null = null;
  try {
    return await inTransaction(ctx, async (t) => {
      const job = await claimDueJob(t.tx, t.now);
      claimed = job;
      if (!job) return false;
      ctx.beforeJob?.({ kind: job.kind, nodeId: job.nodeId, attempts: job.attempts });
      await runJob(t, job);
      await deleteJob(t.tx, job.id);
      return true;
    });
  } catch (error) {
    if (!claimed) throw error;
    await recordJobFailure(ctx, claimed, error);
    return true;
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
    else ctx.log("error", "job abandoned after repeated failures", { jobId: job.id, kind: job.kind, workflowId: job.workflowId });
    await deleteJob(t.tx, job.id);
  });
}
