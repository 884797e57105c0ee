// Node's relations and audit-log fields. A client reaches only nodes assigned to it; relations that
// lead elsewhere follow the same rule (an invisible parent is null, an invisible workflow NOT_FOUND),
// except that a node delegated to it shows its workflow (db's delegation.ts).
import type { NodeRecord, WorkflowRecord } from "@backbeat/core";
import {
  findLatestClientResponse,
  findNodeWorkflow,
  findVisibleNode,
  listNodeHistory,
  listVisibleChildren,
  type StatusChangeView,
} from "@backbeat/db";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { ApiContext } from "../context.ts";
import { found } from "../guards.ts";
import { JSONScalar } from "../scalars.ts";
import { StatusChange } from "../status-change/status-change.type.ts";
import { Workflow } from "../workflow/workflow.type.ts";
import { Node } from "./node.type.ts";

@Resolver(() => Node)
export class NodeFieldsResolver {
  // The answers known without a read are returned as they are, not as promises: a list of nodes
  // whose every object holds a promise is resolved object by object (graphql's promiseForObject),
  // which costs several objects per node (10,000 at once for a large addChildren or pulled batch).
  @FieldResolver(() => Workflow)
  workflow(
    @Root() node: NodeRecord & { workflow?: WorkflowRecord },
    @Ctx() ctx: ApiContext,
  ): WorkflowRecord | Promise<WorkflowRecord> {
    // A pulled node arrives with its workflow, read in the statement that claimed it (pull-dispatcher.ts).
    if (node.workflow) return node.workflow;
    // A client reads the workflow of its node when it owns it or the node was delegated to it.
    return findNodeWorkflow(ctx.engine.sql, ctx.scope, node.id).then((w) => found(w, "Workflow", node.workflowId));
  }

  @FieldResolver(() => Node, { nullable: true })
  parent(@Root() node: NodeRecord, @Ctx() ctx: ApiContext): Promise<NodeRecord | null> | null {
    return node.parentId ? findVisibleNode(ctx.engine.sql, ctx.scope, node.parentId) : null;
  }

  @FieldResolver(() => [Node], { description: "Children in creation order." })
  children(@Root() node: NodeRecord, @Ctx() ctx: ApiContext): Promise<NodeRecord[]> {
    return listVisibleChildren(ctx.engine.sql, ctx.scope, { kind: "node", id: node.id });
  }

  @FieldResolver(() => [StatusChange], { description: "The audit log, oldest first." })
  statusChanges(@Root() node: NodeRecord, @Ctx() ctx: ApiContext): Promise<StatusChangeView[]> {
    return listNodeHistory(ctx.engine.sql, node.id);
  }

  @FieldResolver(() => [StatusChange], { description: "Status changes to ERRORED (either status type), oldest first." })
  errors(@Root() node: NodeRecord, @Ctx() ctx: ApiContext): Promise<StatusChangeView[]> {
    return listNodeHistory(ctx.engine.sql, node.id, "errored");
  }

  @FieldResolver(() => JSONScalar, {
    nullable: true,
    description:
      "The response of the most recent client-status change (e.g. the result), or null. Changes the engine made by itself (readied, retried) carry none and are skipped.",
  })
  response(@Root() node: NodeRecord, @Ctx() ctx: ApiContext): unknown {
    // A pending node's client status has never changed (nothing leads back to pending): no read needed.
    if (node.clientStatus === "pending") return null;
    return findLatestClientResponse(ctx.engine.sql, node.id).then((latest) => latest?.response ?? null);
  }
}
