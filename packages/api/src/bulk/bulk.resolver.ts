// Bulk retry / cancel of failed nodes matching a search, with a preview of what it would touch.
import { listBulkCandidates, type NodeSearchFilter } from "@backbeat/db";
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { ApiContext } from "../context.ts";
import { requireOperator, statusName, validId } from "../guards.ts";
import { NodeSearch } from "../node/node.input.ts";
import { audited } from "../operator/audited.ts";
import { BulkAction, BulkPreview, BulkResult } from "./bulk.type.ts";
import { runBulkAction } from "./run-bulk-action.ts";

const SAMPLE_SIZE = 20;

function filterOf(search: NodeSearch | null): NodeSearchFilter {
  return {
    ...search,
    workflowId: search?.workflowId != null ? validId(search.workflowId, "search.workflowId") : null,
    currentStatus: statusName(search?.currentStatus, "search.currentStatus"),
    pastStatus: statusName(search?.pastStatus, "search.pastStatus"),
  };
}

const verb = { [BulkAction.RETRY]: "restarted", [BulkAction.CANCEL]: "canceled" };

@Resolver()
export class BulkResolver {
  @Query(() => BulkPreview, {
    description: "How many nodes a bulk action would touch, and the first few of them. Any operator role.",
  })
  async bulkPreview(
    @Arg("action", () => BulkAction) _action: BulkAction,
    @Arg("search", () => NodeSearch, { nullable: true }) search: NodeSearch | null,
    @Ctx() ctx: ApiContext,
  ): Promise<BulkPreview> {
    requireOperator(ctx);
    const filter = filterOf(search);
    const { total, nodes } = await listBulkCandidates(ctx.engine.sql, ctx.scope, filter, SAMPLE_SIZE);
    return { count: total, sample: nodes };
  }

  @Mutation(() => BulkResult, {
    description:
      "OPERATOR/ADMIN. Restarts (RETRY) or cancels (CANCEL) every node that bulkPreview(action, search) counts, at most 1000 per call; `expectedCount` (from the preview) must equal the current count, else CONFLICT (the set changed since the preview). Each node is acted on in its own transaction; failures are listed.",
  })
  bulkAction(
    @Arg("action", () => BulkAction) action: BulkAction,
    @Arg("search", () => NodeSearch, { nullable: true }) search: NodeSearch | null,
    @Arg("expectedCount", () => Int) expectedCount: number,
    @Ctx() ctx: ApiContext,
  ): Promise<BulkResult> {
    requireOperator(ctx);
    return audited(
      ctx,
      `bulkAction:${action}`,
      { search: search ?? null, expectedCount },
      () => runBulkAction(ctx, action, filterOf(search), expectedCount),
      { summary: (r) => `${r.succeeded} of ${r.matched} nodes ${verb[action]}` },
    );
  }
}
