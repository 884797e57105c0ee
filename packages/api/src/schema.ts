// Builds the executable schema from the resolver classes (type-graphql, code first). The emitted
// SDL is committed as packages/api/schema.graphql (scripts/emit-schema.ts; a test keeps it current).
import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema, type PubSub } from "type-graphql";
import { BulkResolver } from "./bulk/bulk.resolver.ts";
import { ClientFieldsResolver } from "./client/client-fields.resolver.ts";
import { ClientResolver } from "./client/client.resolver.ts";
import { EventsResolver } from "./events/events.resolver.ts";
import { FeedPositionResolver } from "./events/feed-position.resolver.ts";
import { NodeEventFieldsResolver } from "./events/node-event-fields.resolver.ts";
import { NodeActionsResolver } from "./node/node-actions.resolver.ts";
import { NodeFieldsResolver } from "./node/node-fields.resolver.ts";
import { ReportBatchResolver } from "./node/report-batch.resolver.ts";
import { NodeResolver } from "./node/node.resolver.ts";
import { WhyNotRunningResolver } from "./node/why-not-running.resolver.ts";
import { OperatorResolver } from "./operator/operator.resolver.ts";
import { OverviewResolver } from "./overview/overview.resolver.ts";
import { WorkflowFieldsResolver } from "./workflow/workflow-fields.resolver.ts";
import { WorkflowStatusChangesResolver } from "./workflow/workflow-status-changes.resolver.ts";
import { WorkflowStatusCountsResolver } from "./workflow/workflow-status-counts.resolver.ts";
import { WorkflowResolver } from "./workflow/workflow.resolver.ts";

// type-graphql insists on a PubSub once there are subscriptions, even though every subscription
// here brings its own `subscribe` function (fed by PostgreSQL): this one is never used.
const unusedPubSub: PubSub = {
  publish: () => {
    throw new Error("not used: subscriptions have their own event sources");
  },
  subscribe: () => {
    throw new Error("not used: subscriptions have their own event sources");
  },
};

export function buildBackbeatSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      ClientResolver,
      WorkflowResolver,
      WorkflowFieldsResolver,
      NodeResolver,
      NodeFieldsResolver,
      NodeActionsResolver,
      ReportBatchResolver,
      EventsResolver,
      NodeEventFieldsResolver,
      FeedPositionResolver,
      ClientFieldsResolver,
      WorkflowStatusCountsResolver,
      WorkflowStatusChangesResolver,
      WhyNotRunningResolver,
      OperatorResolver,
      OverviewResolver,
      BulkResolver,
    ],
    // Input rules live in @backbeat/core and the engine, shared by every transport.
    validate: false,
    pubSub: unusedPubSub,
  });
}
