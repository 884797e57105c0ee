// The Node object. Its relations and audit-log fields are field resolvers in node-fields.resolver.ts.
// Properties are typed with the engine's strings: the enums convert them (see enums.ts).
import type * as core from "@backbeat/core";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { ClientStatus, NodeMode, NodeType, ServerStatus } from "../enums.ts";
import { DateTimeScalar, JSONScalar } from "../scalars.ts";

@ObjectType()
export class Node {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  workflowId: string;

  @Field(() => ID, { nullable: true, description: "Null for a top-level node (a signal)." })
  parentId: string | null;

  @Field(() => String)
  name: string;

  @Field(() => NodeMode)
  mode: core.NodeMode;

  @Field(() => NodeType)
  type: core.NodeType;

  @Field(() => ID, { description: "The client that runs this node (may differ from the workflow's owner)." })
  clientId: string;

  @Field(() => ServerStatus)
  serverStatus: core.ServerStatus;

  @Field(() => ClientStatus)
  clientStatus: core.ClientStatus;

  @Field(() => DateTimeScalar, { description: "When the node may start; while RETRYING, when the retry runs." })
  firesAt: Date;

  @Field(() => Int)
  retriesRemaining: number;

  @Field(() => Int, { description: "Seconds." })
  retryInterval: number;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Deadline for the client's next report; null when none is pending.",
  })
  completeBy: Date | null;

  @Field(() => JSONScalar)
  clientData: unknown;

  @Field(() => JSONScalar)
  metadata: unknown;

  @Field(() => ID, { nullable: true, description: "A node in another workflow that waits for this one." })
  parentLinkId: string | null;

  @Field(() => Int, { description: "How many times the node was sent to a client." })
  attempt: number;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar)
  updatedAt: Date;

  @Field(() => String, {
    nullable: true,
    description:
      "The W3C traceparent of the call that created the node, when the server traces (OpenTelemetry): a worker's run of the node continues that trace.",
  })
  traceparent?: string | null;
}
