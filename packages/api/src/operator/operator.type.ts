import { Field, ID, ObjectType } from "type-graphql";
import { PageInfo } from "../common/page-info.type.ts";
import { OperatorRole } from "../enums.ts";
import { DateTimeScalar, JSONScalar } from "../scalars.ts";

@ObjectType({ description: "A person who uses the dashboard." })
export class Operator {
  @Field(() => ID, { description: 'The built-in admin (admin token) has the id "admin".' })
  id: string;

  @Field(() => String)
  login: string;

  @Field(() => OperatorRole)
  role: OperatorRole;

  @Field(() => DateTimeScalar)
  createdAt: Date;
}

@ObjectType()
export class OperatorSession {
  @Field(() => String, { description: "Shown once: a bearer token; only its SHA-256 is stored." })
  token: string;

  @Field(() => DateTimeScalar)
  expiresAt: Date;

  @Field(() => Operator)
  operator: Operator;
}

@ObjectType({ description: "One operator mutation, as recorded in the audit log." })
export class OperatorAction {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'The login, or "admin".' })
  operator: string;

  @Field(() => String, { description: 'The mutation name, e.g. "restartNode", "bulkAction:RETRY".' })
  action: string;

  @Field(() => JSONScalar, { nullable: true })
  target: unknown;

  @Field(() => String, { description: 'Either "ok" or the error code.' })
  result: string;

  @Field(() => String, { nullable: true })
  message: string | null;

  @Field(() => DateTimeScalar)
  createdAt: Date;
}

@ObjectType()
export class OperatorActionEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => OperatorAction)
  node: OperatorAction;
}

@ObjectType()
export class OperatorActionConnection {
  @Field(() => [OperatorActionEdge])
  edges: OperatorActionEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
