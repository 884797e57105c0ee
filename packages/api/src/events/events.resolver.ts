// Subscriptions (graphql-ws). nodeEvents streams the audit log through the process's StatusFeed.
import { BadInputError, type NodeRecord } from "@backbeat/core";
import { findVisibleWorkflow } from "@backbeat/db";
import { Arg, ID, Int, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { ApiContext } from "../context.ts";
import { found, statusChangeCursor, validId } from "../guards.ts";
import { Node } from "../node/node.type.ts";
import type { NodeEventPayload } from "./node-event-fields.resolver.ts";
import { mapIterator } from "@backbeat/engine";
import { NodeEvent } from "./node-event.type.ts";

type NodeEventsArgs = { workflowId?: string | null; after?: string | null };

async function nodeEvents({
  args,
  context: ctx,
}: SubscribeResolverData<unknown, NodeEventsArgs, ApiContext>): Promise<AsyncIterable<NodeEventPayload>> {
  const { workflowId, after } = args;
  if (!ctx.feed) throw new Error("subscriptions need a status feed");
  if (workflowId != null)
    found(
      await findVisibleWorkflow(ctx.engine.sql, ctx.scope, validId(workflowId, "workflowId")),
      "Workflow",
      workflowId,
    );
  const position = statusChangeCursor(after, "after");
  const rows = await ctx.feed.subscribe({ scope: ctx.scope, workflowId: workflowId ?? null }, position);
  return mapIterator(rows, (statusChange) => ({ statusChange }));
}

async function nodesToRun({
  args,
  context: ctx,
}: SubscribeResolverData<unknown, { concurrency?: number | null; prefetch?: number | null }, ApiContext>) {
  if (!ctx.pull) throw new Error("subscriptions need a pull dispatcher");
  if (ctx.caller.kind !== "client")
    throw new BadInputError("nodesToRun delivers a client's nodes: use that client's token");
  return ctx.pull.subscribe(ctx.caller.clientId, args.concurrency ?? 1, args.prefetch ?? 0);
}

@Resolver()
export class EventsResolver {
  @Subscription(() => NodeEvent, {
    subscribe: nodeEvents,
    description:
      "Every status change of one workflow (or, for operators, of all workflows when workflowId is null). With `after`, first replays the changes after that StatusChange id, then streams live, with no gap and no duplicate. A client sees the changes of the nodes assigned to it.",
  })
  nodeEvents(
    @Root() event: NodeEventPayload,
    @Arg("workflowId", () => ID, { nullable: true }) _workflowId: string | null,
    @Arg("after", () => ID, { nullable: true }) _after: string | null,
  ): NodeEventPayload {
    return event;
  }

  @Subscription(() => Node, {
    subscribe: nodesToRun,
    description:
      "Pull delivery for clients without an activityEndpoint: nodes of the calling client that are due to run, each delivered to one subscriber only, with at most `concurrency` + `prefetch` delivered and not yet finished (COMPLETED, ERRORED, RESOLVED, SHUTDOWN) per subscription. When a subscription ends, its unfinished nodes go to another subscriber at once (at least once: a node a worker had reported PROCESSING arrives with clientStatus PROCESSING).",
  })
  nodesToRun(
    @Root() node: NodeRecord,
    @Arg("concurrency", () => Int, { nullable: true, defaultValue: 1 }) _concurrency: number | null,
    @Arg("prefetch", () => Int, {
      nullable: true,
      defaultValue: 0,
      description:
        "Nodes delivered beyond `concurrency` (0–100), for the worker to queue: it starts the next one as soon as one finishes instead of waiting for the server. They are held for this subscription as the running ones are.",
    })
    _prefetch: number | null,
  ): NodeRecord {
    return node;
  }
}
