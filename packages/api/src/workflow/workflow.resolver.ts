// Workflow queries and mutations. Each validates, then runs one read query or one engine command.
import { BadInputError, type NodeRecord, type WorkflowRecord } from "@backbeat/core";
import { findVisibleWorkflow, listWorkflowNames, lookupWorkflow, searchWorkflows } from "@backbeat/db";
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { audited } from "../operator/audited.ts";
import type { ApiContext } from "../context.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { found, pageSize, statusName, validId } from "../guards.ts";
import { LIMITS } from "../limits.ts";
import { SignalInput } from "../node/node.input.ts";
import { Node } from "../node/node.type.ts";
import { JSONScalar } from "../scalars.ts";
import { WorkflowConnection } from "./workflow-connection.type.ts";
import { CreateWorkflowInput, WorkflowSearch } from "./workflow.input.ts";
import { Workflow } from "./workflow.type.ts";

@Resolver(() => Workflow)
export class WorkflowResolver {
  @Query(() => Workflow, { nullable: true, description: "NOT_FOUND when it does not exist or is not the caller's." })
  async workflow(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiContext): Promise<WorkflowRecord> {
    return found(await findVisibleWorkflow(ctx.engine.sql, ctx.scope, validId(id, "id")), "Workflow", id);
  }

  @Query(() => Workflow, {
    nullable: true,
    description:
      "By identity: the caller's workflow with this name and subject (compared as JSON). NOT_FOUND when none.",
  })
  async findWorkflow(
    @Arg("name", () => String) name: string,
    @Arg("subject", () => JSONScalar) subject: unknown,
    @Arg("clientId", () => ID, {
      nullable: true,
      description: "Operators: whose workflow (default: any client's, oldest first).",
    })
    clientId: string | null,
    @Ctx() ctx: ApiContext,
  ): Promise<WorkflowRecord> {
    const scope =
      ctx.caller.kind === "operator" && clientId != null ? { clientId: validId(clientId, "clientId") } : ctx.scope;
    return found(await lookupWorkflow(ctx.engine.sql, scope, name, subject), "Workflow", name);
  }

  @Query(() => WorkflowConnection, { description: "Newest first." })
  async workflows(
    @Arg("search", () => WorkflowSearch, { nullable: true }) search: WorkflowSearch | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: LIMITS.defaultPageSize }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: ApiContext,
  ): Promise<WorkflowConnection> {
    const filter = {
      ...search,
      currentStatus: statusName(search?.currentStatus, "search.currentStatus"),
      pastStatus: statusName(search?.pastStatus, "search.pastStatus"),
    };
    const { items, hasNextPage } = await searchWorkflows(ctx.engine.sql, ctx.scope, filter, {
      first: pageSize(first),
      after: decodeCursor(after),
    });
    const edges = items.map((w) => ({ cursor: encodeCursor(w), node: w }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Query(() => [String], { description: "Distinct workflow names, sorted." })
  workflowNames(@Ctx() ctx: ApiContext): Promise<string[]> {
    return listWorkflowNames(ctx.engine.sql, ctx.scope);
  }

  @Mutation(() => Workflow, { description: "Find-or-create by (calling client, name, subject)." })
  createWorkflow(
    @Arg("input", () => CreateWorkflowInput) input: CreateWorkflowInput,
    @Ctx() ctx: ApiContext,
  ): Promise<WorkflowRecord> {
    if (ctx.caller.kind === "client" && input.clientId != null && input.clientId !== ctx.caller.clientId) {
      throw new BadInputError("clientId may only be given by operators");
    }
    return audited(ctx, "createWorkflow", { name: input.name, subject: input.subject }, () =>
      ctx.engine.createWorkflow(ctx.caller, input),
    );
  }

  @Mutation(() => Node)
  async signalWorkflow(
    @Arg("workflowId", () => ID) workflowId: string,
    @Arg("input", () => SignalInput) input: SignalInput,
    @Ctx() ctx: ApiContext,
  ): Promise<NodeRecord> {
    const node = await audited(ctx, "signalWorkflow", { workflowId, name: input.name }, () =>
      ctx.engine.signalWorkflow(ctx.caller, workflowId, input),
    );
    // Its commit woke this process's pull dispatcher: the node goes to a waiting worker first.
    await ctx.pull?.handedOut();
    return node;
  }

  @Mutation(() => Workflow)
  completeWorkflow(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiContext): Promise<WorkflowRecord> {
    return audited(ctx, "completeWorkflow", { workflowId: id }, () => ctx.engine.completeWorkflow(ctx.caller, id));
  }

  @Mutation(() => Workflow)
  pauseWorkflow(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiContext): Promise<WorkflowRecord> {
    return audited(ctx, "pauseWorkflow", { workflowId: id }, () => ctx.engine.pauseWorkflow(ctx.caller, id));
  }

  @Mutation(() => Workflow)
  resumeWorkflow(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiContext): Promise<WorkflowRecord> {
    return audited(ctx, "resumeWorkflow", { workflowId: id }, () => ctx.engine.resumeWorkflow(ctx.caller, id));
  }
}
