// The dashboard's overview: counts by status, completions and errors per minute, stuck nodes.
import { BadInputError, WORKFLOW_STATES, workflowStateOf } from "@backbeat/core";
import {
  countAllNodeStatuses,
  countPerMinute,
  countWorkflowStateFacts,
  findOldestStuckNodes,
  type WorkflowStateFactsCount,
} from "@backbeat/db";
import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { ApiContext } from "../context.ts";
import { requireOperator } from "../guards.ts";
import { Overview, type WorkflowStateCount } from "./overview.type.ts";

const MAX_MINUTES = 1440;
const STUCK_AFTER_MS = 5 * 60_000;
const STUCK_LIMIT = 20;

@Resolver()
export class OverviewResolver {
  @Query(() => Overview, {
    description:
      "Counts by status, per-minute completed/errored for the last `minutes` (max 1440), oldest stuck nodes. Any operator role.",
  })
  async overview(
    @Arg("minutes", () => Int, { nullable: true, defaultValue: 60 }) minutes: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<Overview> {
    requireOperator(ctx);
    const span = minutes ?? 60;
    if (!Number.isInteger(span) || span < 1 || span > MAX_MINUTES) {
      throw new BadInputError(`minutes must be between 1 and ${MAX_MINUTES}`);
    }
    const now = ctx.engine.context.clock.now();
    const [facts, counts, perMinute, oldestStuck] = await Promise.all([
      countWorkflowStateFacts(ctx.engine.sql, now),
      countAllNodeStatuses(ctx.engine.sql),
      countPerMinute(ctx.engine.sql, now, span),
      findOldestStuckNodes(ctx.engine.sql, new Date(now.getTime() - STUCK_AFTER_MS), STUCK_LIMIT),
    ]);
    return {
      workflowStateCounts: workflowStateCounts(facts),
      serverStatusCounts: counts.server,
      clientStatusCounts: counts.client,
      perMinute,
      oldestStuck,
    };
  }
}

/** Core's rule applied to each combination of facts; every state listed, in core's order. */
function workflowStateCounts(facts: WorkflowStateFactsCount[]): WorkflowStateCount[] {
  const counts = new Map<string, number>(WORKFLOW_STATES.map((state) => [state, 0]));
  for (const f of facts) {
    const state = workflowStateOf(f);
    counts.set(state, (counts.get(state) ?? 0) + f.count);
  }
  return [...counts].map(([state, count]) => ({ state, count }));
}
