// Builds the executable schema from the resolver classes (type-graphql, code first). The emitted
// SDL is committed as packages/api/schema.graphql (scripts/emit-schema.ts; a test keeps it current).
import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema, type PubSub } from "type-graphql";
import { ClientResolver } from "./client/client.resolver.ts";
import { EventsResolver } from "./events/events.resolver.ts";
import { NodeEventFieldsResolver } from "./events/node-event-fields.resolver.ts";
import { NodeFieldsResolver } from "./node/node-fields.resolver.ts";
import { NodeResolver } from "./node/node.resolver.ts";
import { WorkflowFieldsResolver } from "./workflow/workflow-fields.resolver.ts";
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
      EventsResolver,
      NodeEventFieldsResolver,
    ],
    // Input rules live in @backbeat/core and the engine, shared by every transport.
    validate: false,
    pubSub: unusedPubSub,
  });
}
