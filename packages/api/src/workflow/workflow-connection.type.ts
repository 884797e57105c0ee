import { Field, ObjectType } from "type-graphql";
import { PageInfo } from "../common/page-info.type.ts";
import { Workflow } from "./workflow.type.ts";

@ObjectType()
export class WorkflowEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => Workflow)
  node: Workflow;
}

@ObjectType()
export class WorkflowConnection {
  @Field(() => [WorkflowEdge])
  edges: WorkflowEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
