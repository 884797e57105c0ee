// NodeEvent.node is read when a subscriber asks for it (the feed itself carries only the change).
import type { NodeRecord } from "@backbeat/core";
import { findVisibleNode, type FeedRow } from "@backbeat/db";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { ApiContext } from "../context.ts";
import { found } from "../guards.ts";
import { Node } from "../node/node.type.ts";
import { NodeEvent } from "./node-event.type.ts";

export type NodeEventPayload = { statusChange: FeedRow };

@Resolver(() => NodeEvent)
export class NodeEventFieldsResolver {
  @FieldResolver(() => Node, { description: "The node's state after the change (as read when the event is sent)." })
  async node(@Root() event: NodeEventPayload, @Ctx() ctx: ApiContext): Promise<NodeRecord> {
    const id = event.statusChange.nodeId;
    return found(await findVisibleNode(ctx.engine.sql, ctx.scope, id), "Node", id);
  }
}
