// Workflow.statusChanges / latestStatusChanges / statusChangeCount: the workflow's audit log in
// pages, forwards from a position or backwards from the newest (the dashboard's timeline), one
// indexed read per page (status_changes by workflow_id, id) instead of one per node.
import { BadInputError, type WorkflowRecord } from "@backbeat/core";
import {
  countWorkflowStatusChanges,
  latestWorkflowStatusChanges,
  replayStatusChanges,
  type StatusChangeView,
} from "@backbeat/db";
import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from "type-graphql";
import type { ApiContext } from "../context.ts";
import { statusChangeCursor } from "../guards.ts";
import { StatusChange } from "../status-change/status-change.type.ts";
import { Workflow } from "./workflow.type.ts";

const MAX_PAGE = 1000;
const LAST_ID = 2n ** 63n - 1n;

@Resolver(() => Workflow)
export class WorkflowStatusChangesResolver {
  @FieldResolver(() => [StatusChange], {
    description: `Its status changes, oldest first, after the StatusChange id \`after\`, at most \`first\` (1–${MAX_PAGE}); the last one's id is the next page's \`after\`. A client sees the changes of the nodes assigned to it.`,
  })
  statusChanges(
    @Root() workflow: WorkflowRecord,
    @Ctx() ctx: ApiContext,
    @Arg("after", () => ID, { nullable: true }) after: string | null,
    @Arg("first", () => Int, { defaultValue: 500 }) first: number,
  ): Promise<StatusChangeView[]> {
    const range = { after: statusChangeCursor(after, "after") ?? 0n, upTo: LAST_ID };
    return replayStatusChanges(ctx.engine.sql, ctx.scope, workflow.id, range, size(first, "first"));
  }

  @FieldResolver(() => [StatusChange], {
    description: `Its newest status changes before the StatusChange id \`before\` (or the newest of all), at most \`last\` (1–${MAX_PAGE}), oldest first; the first one's id is the previous page's \`before\`.`,
  })
  latestStatusChanges(
    @Root() workflow: WorkflowRecord,
    @Ctx() ctx: ApiContext,
    @Arg("before", () => ID, { nullable: true }) before: string | null,
    @Arg("last", () => Int, { defaultValue: 500 }) last: number,
  ): Promise<StatusChangeView[]> {
    const position = statusChangeCursor(before, "before");
    return latestWorkflowStatusChanges(ctx.engine.sql, ctx.scope, workflow.id, position, size(last, "last"));
  }

  @FieldResolver(() => Int, { description: "How many status changes it has (that the caller may see)." })
  statusChangeCount(@Root() workflow: WorkflowRecord, @Ctx() ctx: ApiContext): Promise<number> {
    return countWorkflowStatusChanges(ctx.engine.sql, ctx.scope, workflow.id);
  }
}

function size(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE) {
    throw new BadInputError(`${name} must be between 1 and ${MAX_PAGE}`);
  }
  return value;
}
