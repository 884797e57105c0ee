// NodeComplete (reference §3.4): a node whose client work is done and whose children (and links)
// are all finished completes, then pokes its parent and the node it links to.
import type { NodeRecord } from "@backbeat/core";
import { transitionNode } from "@backbeat/db";
import type { TxContext } from "../context.ts";
import { schedulePass, schedulePassOnParent, schedulePassWhenNoChildLeft } from "./schedule-pass.ts";

export async function nodeComplete(t: TxContext, node: NodeRecord): Promise<NodeRecord> {
  // Only a node waiting for its children can complete; anything else is not done yet.
  if (node.serverStatus !== "processing_children") return node;
  const completed = await transitionNode(t.tx, node, { steps: [{ type: "server", to: "complete" }], now: t.now });
  afterNodeComplete(t, completed);
  return completed;
}

/** Who must look again once `node` is complete. */
export function afterNodeComplete(t: TxContext, node: NodeRecord): void {
  // The node it links to always waits for it (reference §3.9), whatever its mode: without this
  // poke a fire-and-forget link would hold its target forever.
  if (node.parentLinkId) schedulePass(t, { kind: "node", id: node.parentLinkId });
  // A fire-and-forget node is never waited for, so its parent is not told (reference §3.4).
  if (node.mode === "fire_and_forget") return;
  // A non-blocking child holds back no sibling: its parent's pass can only complete the parent,
  // so it is needed only once no child is left (a fan-in of 1,000 runs one pass, not 1,000).
  if (node.mode === "non_blocking" && node.parentId) schedulePassWhenNoChildLeft(t, node.parentId);
  else schedulePassOnParent(t, node);
}
