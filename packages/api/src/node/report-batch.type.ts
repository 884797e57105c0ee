// The batch form of reportNodeStatus: many reports in one call and one transaction, each answered
// on its own (a refused one carries its error; the others are applied).
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ClientStatus, NodeStatusReport, ServerStatus } from "../enums.ts";
import { JSONScalar } from "../scalars.ts";

@InputType({ description: "One report of reportNodeStatuses: the arguments of reportNodeStatus." })
export class NodeReportInput {
  @Field(() => ID)
  nodeId: string;

  @Field(() => NodeStatusReport)
  status: NodeStatusReport;

  @Field(() => JSONScalar, { nullable: true })
  response?: unknown;

  @Field(() => Int, { nullable: true })
  attempt?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The W3C traceparent of the run that made the report: with tracing on, the report is a span in that trace (a malformed one is ignored).",
  })
  traceparent?: string | null;
}

@ObjectType({
  description: "Why one report of a batch was refused: the code and details reportNodeStatus would have answered.",
})
export class ReportError {
  @Field(() => String, { description: "BAD_USER_INPUT, NOT_FOUND or CONFLICT (as extensions.code)." })
  code: string;

  @Field(() => String)
  message: string;

  @Field(() => String, { nullable: true })
  currentStatus?: string | null;

  @Field(() => String, { nullable: true })
  attemptedStatus?: string | null;
}

@ObjectType({ description: "The answer to one report of a batch, in the order of the reports." })
export class NodeReportResult {
  @Field(() => ID)
  nodeId: string;

  @Field(() => Boolean, { description: "Applied (or already applied: a repeated report succeeds again)." })
  ok: boolean;

  @Field(() => ServerStatus, { nullable: true })
  serverStatus?: string | null;

  @Field(() => ClientStatus, { nullable: true })
  clientStatus?: string | null;

  @Field(() => Int, { nullable: true })
  attempt?: number | null;

  @Field(() => ReportError, { nullable: true })
  error?: ReportError | null;
}
