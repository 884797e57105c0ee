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

/** A pass taken for the calling transaction (takePassNow): its job row and its reads. */
export type TakenPass = Promise<{ job: bigint; input: PassInput | null }>;

/**
 * Takes the pass on this parent, without waiting: its job row (held locked until commit, it keeps
 * other passes on the parent out), then its reads right behind, in the same round trip as whatever
 * the caller sent before. Still statements of their own, so the reads see what a pass that the take
 * waited for committed.
 */
export function takePassNow(t: TxContext, parent: ParentRef): TakenPass {
  const taken = Promise.all([takePass(t.tx, parent, t.now), readPassInput(t, parent)]).then(([job, input]) => ({
    job,
    input,
  }));
  taken.catch(() => undefined); // the caller may fail first (a refused insert): then nobody awaits it
  return taken;
}

/**
 * The pass on this parent inside the calling transaction, instead of a job after it: a signal's
 * node goes to its client in the signal's own commit (one transaction and one wake-up less on the
 * way to the worker). `taken`: a pass the caller already took (takePassNow).
 */
export async function runPassNow(
  t: TxContext,
  parent: ParentRef,
  workflow?: WorkflowRecord,
  taken: TakenPass = takePassNow(t, parent),
): Promise<void> {
  const { job, input } = await taken;
  t.passes.delete(`${parent.kind}:${parent.id}`);
  await runPass(t, parent, workflow, input);
  // Deleted with COMMIT: the pass it stood for (a queued one it took over, too) has run.
  t.sendAhead(deleteJob(t.tx, job));
}
