import { Field, Int, ObjectType } from "type-graphql";
import { StatusCount } from "../common/status-count.type.ts";
import { Node } from "../node/node.type.ts";
import { DateTimeScalar } from "../scalars.ts";

@ObjectType()
export class MinuteCount {
  @Field(() => DateTimeScalar)
  minute: Date;

  @Field(() => Int, { description: "Server status changes to complete in this minute." })
  completed: number;

  @Field(() => Int, { description: "Status changes to errored (either status type) in this minute." })
  errored: number;
}

@ObjectType({ description: "How many workflows are in a state (see Overview.workflowStateCounts)." })
export class WorkflowStateCount {
  @Field(() => String, { description: "failed, paused, complete, waiting or running." })
  state: string;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class Overview {
  @Field(() => [WorkflowStateCount], {
    description:
      "Every workflow by its state, in this order, zeros included: failed (a node is errored or retries_exhausted: needs attention), paused (the workflow or a node), complete (no unfinished node), waiting (every unfinished node waits for its time, or for a parent that does), running (the rest).",
  })
  workflowStateCounts: WorkflowStateCount[];

  @Field(() => [StatusCount])
  serverStatusCounts: StatusCount[];

  @Field(() => [StatusCount])
  clientStatusCounts: StatusCount[];

  @Field(() => [MinuteCount], { description: "One entry per minute, oldest first, zeros included." })
  perMinute: MinuteCount[];

  @Field(() => [Node], {
    description:
      "Up to 20 unfinished nodes (not complete/deactivated) not changed for at least 5 minutes, longest-unchanged first.",
  })
  oldestStuck: unknown[];
}
