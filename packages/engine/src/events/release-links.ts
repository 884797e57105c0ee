// A deactivated link no longer blocks the node it points to (PRODUCT.md #6). That node may already
// be waiting for it in processing_children, and nothing else would wake it: run its pass again.
import type { DeactivatedNode } from "@backbeat/db";
import type { TxContext } from "../context.ts";
import { schedulePass } from "./schedule-pass.ts";

export function releaseLinks(t: TxContext, deactivated: readonly DeactivatedNode[]): void {
  for (const n of deactivated) if (n.parentLinkId) schedulePass(t, { kind: "node", id: n.parentLinkId });
}
