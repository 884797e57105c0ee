// Node queries and mutations. Each validates, then runs one read query or one engine command.
import type { NodeRecord } from "@backbeat/core";
import { findVisibleNode, searchNodes } from "@backbeat/db";
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { audited } from "../operator/audited.ts";
import type { ApiContext } from "../context.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { NodeStatusReport } from "../enums.ts";
import { found, pageSize, statusName, validId } from "../guards.ts";
import { LIMITS } from "../limits.ts";
import { JSONScalar } from "../scalars.ts";
import { NodeConnection } from "./node-connection.type.ts";
import { reportWithPullSlots } from "./pull-slots.ts";
import { ChildNodeInput, IDEMPOTENCY_KEY_DESCRIPTION, NodeSearch } from "./node.input.ts";
import { Node } from "./node.type.ts";

const ATTEMPT_DESCRIPTION =
  "The attempt the caller is working on (Node.attempt as delivered). Given, a call about an attempt that is over (the node was sent again since) is refused with CONFLICT and changes nothing.";

@Resolver(() => Node)
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: "NOT_FOUND when it does not exist or is not assigned to the caller.",
  })
  async node(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiContext): Promise<NodeRecord> {
    return found(await findVisibleNode(ctx.engine.sql, ctx.scope, validId(id, "id")), "Node", id);
  }

  @Query(() => NodeConnection, { description: "Newest first." })
  async nodes(
    @Arg("search", () => NodeSearch, { nullable: true }) search: NodeSearch | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: LIMITS.defaultPageSize }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: ApiContext,
  ): Promise<NodeConnection> {
    const filter = {
      ...search,
      workflowId: search?.workflowId != null ? validId(search.workflowId, "search.workflowId") : null,
      currentStatus: statusName(search?.currentStatus, "search.currentStatus"),
      pastStatus: statusName(search?.pastStatus, "search.pastStatus"),
    };
    const { items, hasNextPage } = await searchNodes(ctx.engine.sql, ctx.scope, filter, {
      first: pageSize(first),
      after: decodeCursor(after),
    });
    const edges = items.map((n) => ({ cursor: encodeCursor(n), node: n }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Mutation(() => [Node], {
    description: "The original's decisions: children are created PENDING/PENDING, in array order.",
  })
  addChildren(
    @Arg("nodeId", () => ID) nodeId: string,
    @Arg("children", () => [ChildNodeInput]) children: ChildNodeInput[],
    @Arg("attempt", () => Int, { nullable: true, description: ATTEMPT_DESCRIPTION }) attempt: number | null,
    @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey: string | null,
    @Ctx() ctx: ApiContext,
  ): Promise<NodeRecord[]> {
    return audited(ctx, "addChildren", { nodeId, count: children.length }, () =>
      ctx.engine.addChildren(ctx.caller, nodeId, children, attempt ?? undefined, idempotencyKey),
    );
  }

  @Mutation(() => Node, {
    description: "PROCESSING is the original's deciding, COMPLETED its deciding_complete (and completed).",
  })
  async reportNodeStatus(
    @Arg("nodeId", () => ID) nodeId: string,
    @Arg("status", () => NodeStatusReport) status: NodeStatusReport,
    @Arg("response", () => JSONScalar, { nullable: true }) response: unknown,
    @Arg("attempt", () => Int, { nullable: true, description: ATTEMPT_DESCRIPTION }) attempt: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<NodeRecord> {
    // As for a batch (report-batch.resolver.ts): the slot the node held in this process is free at
    // once, not when the status feed gets there, and the node it hands out goes before this answer.
    return reportWithPullSlots(
      ctx,
      [{ nodeId, status }],
      () =>
        audited(ctx, `reportNodeStatus:${status.toUpperCase()}`, { nodeId }, () =>
          ctx.engine.reportNodeStatus(ctx.caller, nodeId, status, response ?? undefined, attempt ?? undefined),
        ),
      (node) => [node],
    );
  }

  @Mutation(() => Node, {
    description:
      "The client reports it is still working on a node (client status RECEIVED or PROCESSING): its deadline (completeBy) moves to now + the client timeout. Client tokens only for their own nodes (operators may too).",
  })
  heartbeatNode(
    @Arg("nodeId", () => ID) nodeId: string,
    @Arg("attempt", () => Int, { nullable: true, description: ATTEMPT_DESCRIPTION }) attempt: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<NodeRecord> {
    return audited(ctx, "heartbeatNode", { nodeId }, () =>
      ctx.engine.heartbeatNode(ctx.caller, nodeId, attempt ?? undefined),
    );
  }

  @Mutation(() => Node)
  restartNode(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiContext): Promise<NodeRecord> {
    return audited(ctx, "restartNode", { nodeId: id }, () => ctx.engine.restartNode(ctx.caller, id));
  }

  @Mutation(() => Node)
  resetNode(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiContext): Promise<NodeRecord> {
    return audited(ctx, "resetNode", { nodeId: id }, () => ctx.engine.resetNode(ctx.caller, id));
  }

  @Mutation(() => Node, { description: "Run the next-node pass on this node now." })
  scheduleNode(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiContext): Promise<NodeRecord> {
    return audited(ctx, "scheduleNode", { nodeId: id }, () => ctx.engine.scheduleNode(ctx.caller, id));
  }
}
