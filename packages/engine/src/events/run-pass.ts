// The next-node pass (reference §3.5) on a node or a workflow: start what may start, and complete
// the parent when nothing it waits for is left. Runs as a job; one per parent at a time.
import { allChildrenComplete, childrenToStart, type ParentRef } from "@backbeat/core";
import { enqueueJob, findPassInput, lockNode, startReadyNodes } from "@backbeat/db";
import type { TxContext } from "../context.ts";
import { nodeComplete } from "./node-complete.ts";
import { startNodes } from "./start-node.ts";

export async function runPass(t: TxContext, parent: ParentRef): Promise<void> {
  const parentNode = parent.kind === "node" ? await lockNode(t.tx, parent.id) : null;
  if (parent.kind === "node" && (!parentNode || parentNode.serverStatus === "deactivated")) return;

  const { children, links } = await findPassInput(t.tx, parent);
  const started = await startReadyNodes(t.tx, childrenToStart(children), t.now);
  await startNodes(t, started.filter((c) => c.firesAt <= t.now));
  for (const child of started.filter((c) => c.firesAt > t.now)) {
    await enqueueJob(t.tx, { kind: "start", nodeId: child.id, runAt: child.firesAt });
  }

  // A workflow never completes by itself (reference §3.5): only nodes do.
  if (parentNode && allChildrenComplete(children, links)) await nodeComplete(t, parentNode);
}
