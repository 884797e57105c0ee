// Node.allowedActions and Node.recommendedAction: core's rule (node-actions.ts) read from the
// node's statuses, so every caller offers the same actions the engine accepts.
import { allowedNodeActions, recommendedNodeAction, type NodeRecord } from "@backbeat/core";
import { FieldResolver, Resolver, Root } from "type-graphql";
import { NodeAction } from "../enums.ts";
import { Node } from "./node.type.ts";

@Resolver(() => Node)
export class NodeActionsResolver {
  @FieldResolver(() => [NodeAction], {
    description:
      "The operator actions the transition table allows from the node's current statuses (others are refused with CONFLICT).",
  })
  allowedActions(@Root() node: NodeRecord): NodeAction[] {
    return allowedNodeActions(node) as NodeAction[];
  }

  @FieldResolver(() => NodeAction, {
    nullable: true,
    description: "The action most operators want now (RESTART for a failed node); null when none stands out.",
  })
  recommendedAction(@Root() node: NodeRecord): NodeAction | null {
    return recommendedNodeAction(node) as NodeAction | null;
  }
}
