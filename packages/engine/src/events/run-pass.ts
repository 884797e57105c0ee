// The next-node pass (reference §3.5) on a node or a workflow: start what may start, and complete
// the parent when nothing it waits for is left. Runs as a job; one per parent at a time.
import { allChildrenComplete, childrenToStart, type NodeRecord, type ParentRef, type PassChild } from "@backbeat/core";
import { enqueueJob, findActiveChildren, lockNodeForPass, startReadyNodes } from "@backbeat/db";
import type { TxContext } from "../context.ts";
import { nodeComplete } from "./node-complete.ts";
import { startNodes } from "./start-node.ts";

type PassInput = { node: NodeRecord | null; children: PassChild[]; links: PassChild["serverStatus"][] };

async function readPassInput(t: TxContext, parent: ParentRef): Promise<PassInput | null> {
  if (parent.kind === "workflow") return { node: null, children: await findActiveChildren(t.tx, parent), links: [] };
  const input = await lockNodeForPass(t.tx, parent.id);
  return input && input.node.serverStatus !== "deactivated" ? input : null;
}

export async function runPass(t: TxContext, parent: ParentRef): Promise<void> {
  const input = await readPassInput(t, parent);
  if (!input) return;
  const { node, children, links } = input;

  const started = await startReadyNodes(t.tx, childrenToStart(children), t.now);
  await startNodes(
    t,
    started.filter((c) => c.firesAt <= t.now),
  );
  for (const child of started.filter((c) => c.firesAt > t.now)) {
    await enqueueJob(t.tx, { kind: "start", nodeId: child.id, runAt: child.firesAt });
  }

  // A workflow never completes by itself (reference §3.5): only nodes do.
  if (node && allChildrenComplete(children, links)) await nodeComplete(t, node);
}
