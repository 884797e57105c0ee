// Workflow.statusCounts: its nodes by server status (a client counts only the nodes assigned to it).
import type { WorkflowRecord } from "@backbeat/core";
import { countWorkflowNodeStatuses } from "@backbeat/db";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { StatusCount } from "../common/status-count.type.ts";
import type { ApiContext } from "../context.ts";
import { Workflow } from "./workflow.type.ts";

@Resolver(() => Workflow)
export class WorkflowStatusCountsResolver {
  @FieldResolver(() => [StatusCount], {
    description:
      "Counts of its nodes by server status; errored statuses first (errored, retries_exhausted), then by count desc.",
  })
  statusCounts(@Root() workflow: WorkflowRecord, @Ctx() ctx: ApiContext): Promise<StatusCount[]> {
    return countWorkflowNodeStatuses(ctx.engine.sql, ctx.scope, workflow.id);
  }
}
