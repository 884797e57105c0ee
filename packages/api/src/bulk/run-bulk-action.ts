// bulkAction: re-counts the set the preview showed and refuses (CONFLICT, nothing changed) if it
// changed, then acts on each node through the engine's own command, one transaction per node
// (a node that moved on in between fails alone and is listed). At most MAX_BULK_NODES per call.
import { BackbeatError, BadInputError, ConflictError } from "@backbeat/core";
import { listBulkCandidates, type NodeSearchFilter } from "@backbeat/db";
import type { ApiContext } from "../context.ts";
import { errorCode } from "../operator/audited.ts";
import { BulkAction, type BulkResult } from "./bulk.type.ts";

export const MAX_BULK_NODES = 1000;

export async function runBulkAction(
  ctx: ApiContext,
  action: BulkAction,
  filter: NodeSearchFilter,
  expectedCount: number,
): Promise<BulkResult> {
  if (!Number.isInteger(expectedCount) || expectedCount < 0) {
    throw new BadInputError("expectedCount must be the count from bulkPreview (a whole number)");
  }
  // Larger sets are done MAX_BULK_NODES at a time, oldest first: `matched` says how many this call took.
  // The count and the nodes come from one statement, so no node failing in between joins unpreviewed.
  const { total, nodes } = await listBulkCandidates(ctx.engine.sql, ctx.scope, filter, MAX_BULK_NODES);
  if (total !== expectedCount) {
    throw new ConflictError(
      `The set changed since the preview: ${total} nodes match now, not ${expectedCount}; preview again`,
    );
  }
  const failed: BulkResult["failed"] = [];
  for (const node of nodes) {
    try {
      if (action === BulkAction.RETRY) await ctx.engine.restartNode(ctx.caller, node.id);
      else await ctx.engine.reportNodeStatus(ctx.caller, node.id, "canceled");
    } catch (error) {
      const message = error instanceof BackbeatError ? error.message : "Internal server error";
      failed.push({ nodeId: node.id, code: errorCode(error), message });
    }
  }
  return { matched: nodes.length, succeeded: nodes.length - failed.length, failed };
}
