// What each kind of durable job does. Each runs inside the transaction that claimed it, so the job
// is deleted together with its effects. A job whose node moved on meanwhile does nothing.
import { isAwaitingClientOnAttempt } from "@backbeat/core";
import { lockNode, type JobRow } from "@backbeat/db";
import { ENGINE_ACTOR } from "../caller.ts";
import type { TxContext } from "../context.ts";
import { clientError } from "../events/client-error.ts";
import { retryNode } from "../events/retry-node.ts";
import { runPass } from "../events/run-pass.ts";
import { startNode } from "../events/start-node.ts";

export async function runJob(t: TxContext, job: JobRow): Promise<void> {
  if (job.kind === "pass") {
    return runPass(t, job.nodeId ? { kind: "node", id: job.nodeId } : { kind: "workflow", id: job.workflowId! });
  }
  const node = job.nodeId ? await lockNode(t.tx, job.nodeId) : null;
  if (!node) return;
  switch (job.kind) {
    case "start":
      if (node.serverStatus === "started") await startNode(t, node);
      return;
    case "retry":
      if (node.serverStatus === "retrying") await retryNode(t, node, ENGINE_ACTOR);
      return;
    case "connection_check":
      // The POST failed at the network level; the client may still have done the work and
      // reported it (reference §4.4). Only a node still waiting on that same attempt has failed.
      if (isAwaitingClientOnAttempt(node, job.attempt)) {
        await clientError(t, node, { error: { message: job.lastError ?? "HTTP request failed" } }, ENGINE_ACTOR);
      }
      return;
  }
}
