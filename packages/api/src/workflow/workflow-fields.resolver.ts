// Workflow's relations. A client only ever reaches its own workflows, and within them sees only the
// nodes assigned to it (the engine's visibility rule), so the lists are scoped like every read.
import type { NodeRecord, WorkflowRecord } from "@backbeat/core";
import { findClient, listVisibleChildren, listVisibleWorkflowNodes, type ClientRecord } from "@backbeat/db";
import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Client } from "../client/client.type.ts";
import type { ApiContext } from "../context.ts";
import { ClientStatus, ServerStatus } from "../enums.ts";
import { found } from "../guards.ts";
import { Node } from "../node/node.type.ts";
import { printTree } from "../print-tree.ts";
import { Workflow } from "./workflow.type.ts";

@Resolver(() => Workflow)
export class WorkflowFieldsResolver {
  @FieldResolver(() => Client)
  async client(@Root() workflow: WorkflowRecord, @Ctx() ctx: ApiContext): Promise<ClientRecord> {
    return found(await findClient(ctx.engine.sql, workflow.clientId), "Client", workflow.clientId);
  }

  @FieldResolver(() => [Node], { description: "Top-level nodes (signals), in creation order." })
  children(@Root() workflow: WorkflowRecord, @Ctx() ctx: ApiContext): Promise<NodeRecord[]> {
    return listVisibleChildren(ctx.engine.sql, ctx.scope, { kind: "workflow", id: workflow.id });
  }

  @FieldResolver(() => [Node], {
    description: "Every node of the workflow, in creation order, optionally filtered by status.",
  })
  nodes(
    @Root() workflow: WorkflowRecord,
    @Arg("serverStatus", () => ServerStatus, { nullable: true }) serverStatus: ServerStatus | null,
    @Arg("clientStatus", () => ClientStatus, { nullable: true }) clientStatus: ClientStatus | null,
    @Ctx() ctx: ApiContext,
  ): Promise<NodeRecord[]> {
    return listVisibleWorkflowNodes(ctx.engine.sql, ctx.scope, workflow.id, { serverStatus, clientStatus });
  }

  @FieldResolver(() => String, {
    description: "The tree as text: one line per node, indented by depth, with both statuses.",
  })
  async printTree(@Root() workflow: WorkflowRecord, @Ctx() ctx: ApiContext): Promise<string> {
    return printTree(workflow, await listVisibleWorkflowNodes(ctx.engine.sql, ctx.scope, workflow.id));
  }
}
