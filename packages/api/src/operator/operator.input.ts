import { Field, InputType } from "type-graphql";
import { OperatorRole } from "../enums.ts";

@InputType()
export class CreateOperatorInput {
  @Field(() => String, { description: "3-64 characters of [a-zA-Z0-9._@-]." })
  login: string;

  @Field(() => String, { description: "At least 8 characters." })
  password: string;

  @Field(() => OperatorRole)
  role: OperatorRole;
}
