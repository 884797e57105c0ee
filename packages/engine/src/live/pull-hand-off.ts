// Nodes a transaction sends to pull clients go to this process's pull workers as it commits: the
// transaction offers them just before COMMIT, the dispatcher (pull-dispatcher.ts) locks their claims
// on its own connection while COMMIT is on its way, and hands them out as soon as both have landed.
// No fill and no read of the node between the commit and the worker. Nodes it does not take (no free
// slot, another client's workflow) wake a fill for their client instead.
import type { NodeRecord, WorkflowRecord } from "@backbeat/core";
import type { PulledNode } from "@backbeat/db";

/** The most nodes one transaction offers; beyond them only their clients are woken. */
export const MAX_OFFERED_NODES = 1_000;

/** What a transaction sent to pull clients. */
export class PullOffer {
  /** Up to MAX_OFFERED_NODES nodes sent, as committed, each with its workflow. */
  readonly nodes: PulledNode[] = [];
  /** Every pulled node sent, counted per client. */
  readonly perClient = new Map<string, number>();

  /**
   * A node of the client that owns `workflow` is offered with it. One assigned to another client (a
   * delegation, which decides whether that client may read the workflow) is only counted: a fill
   * reads it, workflow and all.
   */
  add(node: NodeRecord, workflow: WorkflowRecord): void {
    if (node.clientId === workflow.clientId && this.nodes.length < MAX_OFFERED_NODES)
      this.nodes.push({ ...node, workflow });
    this.perClient.set(node.clientId, (this.perClient.get(node.clientId) ?? 0) + 1);
  }
}

/** Called just before COMMIT; what it returns is told whether the transaction committed. */
export type PullHandOff = (offer: PullOffer) => (committed: boolean) => void;

/** Where this process's pull dispatcher plugs in (null where none was built, or once it closed). */
export type PullHandOffSlot = { handOff: PullHandOff | null };
