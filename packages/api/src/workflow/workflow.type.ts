// The Workflow object. Its relations (client, children, nodes, printTree) are field resolvers in
// workflow-fields.resolver.ts.
import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar, JSONScalar } from "../scalars.ts";

@ObjectType()
export class Workflow {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => JSONScalar)
  subject: unknown;

  @Field(() => String)
  decider: string;

  @Field(() => Boolean, { description: "Set only by completeWorkflow; after it, signals are refused." })
  complete: boolean;

  @Field(() => Boolean)
  paused: boolean;

  @Field(() => ID)
  clientId: string;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar)
  updatedAt: Date;
}
