// ClientComplete / ClientResolved / ShutdownNode (reference §3.4): the client's own work is over,
// the node waits for its children, which become ready now. A node with nothing to wait for
// completes in the same step (the pass it would ask for could only complete it).
import type { NodeRecord } from "@backbeat/core";
import { deactivateLaterSiblings, markChildrenReady, transitionNode, type StatusStep } from "@backbeat/db";
import type { TxContext } from "../context.ts";
import { afterNodeComplete } from "./node-complete.ts";
import { releaseLinks } from "./release-links.ts";
import { schedulePass } from "./schedule-pass.ts";

export type ClientOutcome = "complete" | "resolved" | "shutdown";

/** What the node may still wait for; unknown (the default) means "maybe": the pass decides. */
export type Dependents = { hasChildren: boolean; waitsForLinks: boolean };
const UNKNOWN: Dependents = { hasChildren: true, waitsForLinks: true };

export async function clientFinished(
  t: TxContext,
  node: NodeRecord,
  outcome: ClientOutcome,
  response: unknown,
  actor: string,
  dependents: Dependents = UNKNOWN,
): Promise<NodeRecord> {
  const nothingToWaitFor = !dependents.hasChildren && !dependents.waitsForLinks;
  const steps: StatusStep[] = [
    { type: "client", to: outcome },
    { type: "server", to: "processing_children" },
  ];
  if (nothingToWaitFor) steps.push({ type: "server", to: "complete", byEngine: true });
  const updated = await transitionNode(t.tx, node, { steps, set: { completeBy: null }, response, actor, now: t.now });
  // Shutting down a blocking node gives up on what was queued after it (for a signal: later signals).
  if (outcome === "shutdown" && node.mode === "blocking")
    releaseLinks(t, await deactivateLaterSiblings(t.tx, node, t.now, actor));
  if (nothingToWaitFor) {
    afterNodeComplete(t, updated);
    return updated;
  }
  if (dependents.hasChildren) await markChildrenReady(t.tx, node.id, t.now);
  schedulePass(t, { kind: "node", id: node.id });
  return updated;
}
