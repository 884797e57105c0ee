// ClientComplete / ClientResolved / ShutdownNode (reference §3.4): the client's own work is over,
// the node waits for its children, which become ready now.
import type { NodeRecord } from "@backbeat/core";
import { deactivateLaterSiblings, markChildrenReady, transitionNode } from "@backbeat/db";
import type { TxContext } from "../context.ts";
import { releaseLinks } from "./release-links.ts";
import { schedulePass } from "./schedule-pass.ts";

export type ClientOutcome = "complete" | "resolved" | "shutdown";

export async function clientFinished(
  t: TxContext,
  node: NodeRecord,
  outcome: ClientOutcome,
  response: unknown,
  actor: string,
  /** False when the caller knows the node has no children to make ready (saves a statement). */
  hasChildren = true,
): Promise<NodeRecord> {
  const updated = await transitionNode(t.tx, node, {
    steps: [
      { type: "client", to: outcome },
      { type: "server", to: "processing_children" },
    ],
    set: { completeBy: null },
    response,
    actor,
    now: t.now,
  });
  // Shutting down a blocking node gives up on what was queued after it (for a signal: later signals).
  if (outcome === "shutdown" && node.mode === "blocking")
    releaseLinks(t, await deactivateLaterSiblings(t.tx, node, t.now, actor));
  if (hasChildren) await markChildrenReady(t.tx, node.id, t.now);
  schedulePass(t, { kind: "node", id: node.id });
  return updated;
}
