import { Field, ID, ObjectType } from "type-graphql";
import { StatusType } from "../enums.ts";
import { DateTimeScalar, JSONScalar } from "../scalars.ts";

@ObjectType()
export class StatusChange {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  nodeId: string;

  @Field(() => StatusType)
  statusType: "server" | "client";

  @Field(() => String, { description: "Lower-case status names as stored, e.g. sent_to_client." })
  fromStatus: string;

  @Field(() => String)
  toStatus: string;

  @Field(() => JSONScalar, { nullable: true })
  response: unknown;

  @Field(() => String, { description: 'Who made the change: "engine", "client:<id>" or "operator:<name>".' })
  actor: string;

  @Field(() => DateTimeScalar)
  createdAt: Date;
}
