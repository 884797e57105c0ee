import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type.ts";

export enum BulkAction {
  RETRY = "RETRY",
  CANCEL = "CANCEL",
}

registerEnumType(BulkAction, {
  name: "BulkAction",
  description:
    "Bulk actions target failed nodes only (server status ERRORED or RETRIES_EXHAUSTED, or client status ERRORED, and accepted by restartNode): RETRY restarts them, CANCEL reports them CANCELED as the operator.",
});

@ObjectType()
export class BulkPreview {
  @Field(() => Int)
  count: number;

  @Field(() => [Node], { description: "Up to 20 of the nodes, oldest first." })
  sample: unknown[];
}

@ObjectType()
export class BulkFailure {
  @Field(() => ID)
  nodeId: string;

  @Field(() => String)
  code: string;

  @Field(() => String)
  message: string;
}

@ObjectType()
export class BulkResult {
  @Field(() => Int)
  matched: number;

  @Field(() => Int)
  succeeded: number;

  @Field(() => [BulkFailure])
  failed: BulkFailure[];
}
