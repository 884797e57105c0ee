import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "How many nodes are in a status (lower-case stored status name)." })
export class StatusCount {
  @Field(() => String)
  status: string;

  @Field(() => Int)
  count: number;
}
