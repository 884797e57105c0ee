// The next-node pass (reference §3.5) on a node or a workflow: start what may start, and complete
// the parent when nothing it waits for is left. Runs as a job, or at once inside the transaction
// that asks for it (runPassNow); one per parent at a time either way.
import {
  allChildrenComplete,
  childrenToStart,
  type NodeRecord,
  type ParentRef,
  type PassChild,
  type WorkflowRecord,
} from "@backbeat/core";
import { deleteJob, enqueueJob, findActiveChildren, lockNodeForPass, startReadyNodes, takePass } from "@backbeat/db";
import type { TxContext } from "../context.ts";
import { nodeComplete } from "./node-complete.ts";
import { startDueChildren } from "./start-node.ts";

type PassInput = { node: NodeRecord | null; children: PassChild[]; links: PassChild["serverStatus"][] };

async function readPassInput(t: TxContext, parent: ParentRef): Promise<PassInput | null> {
  if (parent.kind === "workflow") return { node: null, children: await findActiveChildren(t.tx, parent), links: [] };
  const input = await lockNodeForPass(t.tx, parent.id);
  return input && input.node.serverStatus !== "deactivated" ? input : null;
}

/** `workflow`: the parent's workflow if this transaction already read it FOR SHARE. */
export async function runPass(
  t: TxContext,
  parent: ParentRef,
  workflow?: WorkflowRecord,
  read?: PassInput | null,
): Promise<void> {
  const input = read === undefined ? await readPassInput(t, parent) : read;
  if (!input) return;
  const { node, children, links } = input;

  const toStart = childrenToStart(children);
  const due = toStart.filter((c) => c.firesAt <= t.now);
  await startDueChildren(t, node?.workflowId ?? parent.id, due, workflow);
  // The others start now and wait for their time in a job.
  const later = toStart.filter((c) => c.firesAt > t.now).map((c) => c.id);
  for (const child of await startReadyNodes(t.tx, later, t.now)) {
    await enqueueJob(t.tx, { kind: "start", nodeId: child.id, runAt: child.firesAt });
  }

  // A workflow never completes by itself (reference §3.5): only nodes do.
  if (node && allChildrenComplete(children, links)) await nodeComplete(t, node);
}

/**
 * The pass on this parent inside the calling transaction, instead of a job after it: a signal's
 * node goes to its client in the signal's own commit (one transaction and one wake-up less on the
 * way to the worker). The pass's job row, held locked meanwhile, keeps other passes on the parent out.
 */
export async function runPassNow(t: TxContext, parent: ParentRef, workflow?: WorkflowRecord): Promise<void> {
  // The pass's reads go right behind the take, in one round trip: still a statement of their own,
  // so they see what a pass that the take waited for committed.
  const taken = takePass(t.tx, parent, t.now);
  const read = readPassInput(t, parent);
  const [job] = await Promise.all([taken, read]);
  t.passes.delete(`${parent.kind}:${parent.id}`);
  await runPass(t, parent, workflow, await read);
  t.sendAhead(deleteJob(t.tx, job));
}
