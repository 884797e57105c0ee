// The GraphQL face of core's why-not-running answer: the enum's values are core's BLOCKER_CODES.
import { BLOCKER_CODES, type BlockerCode as CoreBlockerCode } from "@backbeat/core";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../scalars.ts";

const BlockerCode = Object.fromEntries(BLOCKER_CODES.map((c) => [c, c])) as { [C in CoreBlockerCode]: C };

// Typed by core's list: a code added there must be described here.
const DESCRIPTIONS: Record<CoreBlockerCode, { description: string }> = {
  BLOCKING_SIBLING: { description: "An earlier BLOCKING sibling (or its subtree) has not completed." },
  WORKFLOW_PAUSED: { description: "The node is PAUSED, or the workflow is paused." },
  TIMER: { description: "firesAt is in the future." },
  RETRY_AT: { description: "RETRYING: the next attempt is at `until`." },
  WAITING_CHILDREN: { description: "PROCESSING_CHILDREN: unfinished children (blocking ones named)." },
  WAITING_LINK: { description: "Waits for a linked node in another workflow." },
  NO_WORKER: { description: "Due or sent, the client pulls work, and no pull worker is connected." },
  WAITING_CLIENT: { description: "The client has it (or its parent); its deadline is `until` (completeBy)." },
  ERRORED: { description: "Failed, no retry pending: needs an operator (restart, resolve, cancel)." },
  WORKFLOW_COMPLETE: { description: "The workflow was completed: it takes no new signals." },
};

registerEnumType(BlockerCode, { name: "BlockerCode", valuesConfig: DESCRIPTIONS });

@ObjectType({ description: "One reason why a node is not running now." })
export class Blocker {
  @Field(() => BlockerCode)
  code: CoreBlockerCode;

  @Field(() => String, { description: "A full sentence for humans." })
  message: string;

  @Field(() => DateTimeScalar, { nullable: true, description: "For TIMER, RETRY_AT and WAITING_CLIENT." })
  until: Date | null;

  @Field(() => [ID], { description: "The nodes it waits for (blocking sibling, children, links, parent)." })
  nodeIds: string[];
}
