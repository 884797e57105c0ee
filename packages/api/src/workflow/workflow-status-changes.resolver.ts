// Workflow.statusChanges: the workflow's audit log in pages, oldest first (the dashboard's timeline),
// in one indexed read per page (status_changes by workflow_id, id) instead of one per node.
import { BadInputError, type WorkflowRecord } from "@backbeat/core";
import { replayStatusChanges, type StatusChangeView } from "@backbeat/db";
import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from "type-graphql";
import type { ApiContext } from "../context.ts";
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
    if (after != null && !/^\d{1,18}$/.test(after)) throw new BadInputError("after must be the id of a status change");
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw new BadInputError(`first must be between 1 and ${MAX_PAGE}`);
    }
    const range = { after: after == null ? 0n : BigInt(after), upTo: LAST_ID };
    return replayStatusChanges(ctx.engine.sql, ctx.scope, workflow.id, range, first);
  }
}
