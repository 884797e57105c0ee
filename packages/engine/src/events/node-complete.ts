// NodeComplete (reference §3.4): a node whose client work is done and whose children (and links)
// are all finished completes, then pokes its parent and the node it links to.
import type { NodeRecord } from "@backbeat/core";
import { transitionNode } from "@backbeat/db";
import type { TxContext } from "../context.ts";
import { schedulePass, schedulePassOnParent } from "./schedule-pass.ts";

export async function nodeComplete(t: TxContext, node: NodeRecord): Promise<void> {
  // Only a node waiting for its children can complete; anything else is not done yet.
  if (node.serverStatus !== "processing_children") return;
  await transitionNode(t.tx, node, { steps: [{ type: "server", to: "complete" }], now: t.now });
  // The node it links to always waits for it (reference §3.9), whatever its mode: without this
  // poke a fire-and-forget link would hold its target forever.
  if (node.parentLinkId) schedulePass(t, { kind: "node", id: node.parentLinkId });
  // A fire-and-forget node is never waited for, so its parent is not told (reference §3.4).
  if (node.mode !== "fire_and_forget") schedulePassOnParent(t, node);
}
