import { Field, ObjectType } from "type-graphql";
import { PageInfo } from "../common/page-info.type.ts";
import { Node } from "./node.type.ts";

@ObjectType()
export class NodeEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => Node)
  node: Node;
}

@ObjectType()
export class NodeConnection {
  @Field(() => [NodeEdge])
  edges: NodeEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
