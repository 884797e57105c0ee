import { Field, ObjectType } from "type-graphql";
import { StatusChange } from "../status-change/status-change.type.ts";

@ObjectType({ description: "One change of a node, as delivered to subscribers." })
export class NodeEvent {
  @Field(() => StatusChange, {
    description: "The change itself; its id is a cursor: pass it as `after` to resume without gaps.",
  })
  statusChange: StatusChange;
}
