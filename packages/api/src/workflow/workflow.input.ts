import { Field, ID, InputType } from "type-graphql";
import { DateTimeScalar, JSONScalar } from "../scalars.ts";

@InputType()
export class CreateWorkflowInput {
  @Field(() => String)
  name: string;

  @Field(() => JSONScalar)
  subject: unknown;

  @Field(() => String, { nullable: true, description: "A label; defaults to the name." })
  decider?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "Operators only (and required for them): the client that owns the workflow.",
  })
  clientId?: string | null;
}

@InputType({
  description: "All filters are optional and combine with AND; status filters take lower-case status names.",
})
export class WorkflowSearch {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Substring of the subject's JSON text." })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: "Has a node whose server or client status is this." })
  currentStatus?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Has a node with a status change to this (within statusStart..statusEnd when given).",
  })
  pastStatus?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  statusStart?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  statusEnd?: Date | null;
}
