import { Field, InputType } from "type-graphql";

@InputType()
export class CreateClientInput {
  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  activityEndpoint?: string | null;

  @Field(() => String, { nullable: true })
  decisionEndpoint?: string | null;

  @Field(() => String, { nullable: true })
  notificationEndpoint?: string | null;
}
