// Inputs that create nodes. Validation and defaults are the core's (normalizeNodeInput): the
// GraphQL layer only checks shapes, so the rules live in one place for every transport.
import { Field, ID, InputType, Int } from "type-graphql";
import { NodeMode, NodeType } from "../enums.ts";
import { DateTimeScalar, JSONScalar } from "../scalars.ts";

/** What every new node takes (a signal's and a child's fields); not in the schema (no field uses it). */
@InputType()
export abstract class NewNodeInput {
  @Field(() => String)
  name: string;

  @Field(() => JSONScalar, { nullable: true })
  clientData?: unknown;

  @Field(() => JSONScalar, { nullable: true })
  metadata?: unknown;

  @Field(() => DateTimeScalar, { nullable: true })
  firesAt?: Date | null;

  @Field(() => Int, { nullable: true })
  retry?: number | null;

  @Field(() => Int, { nullable: true })
  retryInterval?: number | null;

  @Field(() => ID, { nullable: true })
  clientId?: string | null;

  @Field(() => ID, { nullable: true })
  parentLinkId?: string | null;
}

export const IDEMPOTENCY_KEY_DESCRIPTION =
  "Names the call (1-200 characters): a repeated call with the same key answers the nodes the first one created, in the same order, and creates nothing, even if the rest of the repeat differs. Scoped to the workflow (signals) or the parent node (addChildren).";

@InputType()
export class SignalInput extends NewNodeInput {
  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey?: string | null;
}

/** A child: everything a signal takes, plus its mode and legacy type (a signal is always a blocking decision). */
@InputType()
export class ChildNodeInput extends NewNodeInput {
  @Field(() => NodeMode, { nullable: true, defaultValue: NodeMode.BLOCKING })
  mode?: NodeMode | null;

  @Field(() => NodeType, { nullable: true, defaultValue: NodeType.ACTIVITY })
  type?: NodeType | null;
}

@InputType({
  description: "All filters are optional and combine with AND; status filters take lower-case status names.",
})
export class NodeSearch {
  @Field(() => ID, { nullable: true })
  workflowId?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Substring of the metadata's JSON text." })
  metadata?: string | null;

  @Field(() => String, { nullable: true })
  currentStatus?: string | null;

  @Field(() => String, { nullable: true })
  pastStatus?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  statusStart?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  statusEnd?: Date | null;
}
