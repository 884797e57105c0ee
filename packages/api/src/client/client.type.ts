import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.ts";

@ObjectType({ description: "A client application: it owns workflows and runs nodes (the original's 'user')." })
export class Client {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Where the server POSTs {activity: Node} (push delivery). Null: the client pulls work over a subscription.",
  })
  activityEndpoint: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Where DECISION nodes are POSTed; falls back to activityEndpoint.",
  })
  decisionEndpoint: string | null;

  @Field(() => String, { nullable: true, description: "Where the server POSTs error notifications." })
  notificationEndpoint: string | null;

  @Field(() => [ID], {
    description:
      "Clients whose workflows may assign nodes to this one (clientId of a signal or child), set by operators with setClientDelegation. Empty: only its own workflows (and operators) give it work.",
  })
  acceptsWorkFrom: string[];

  @Field(() => DateTimeScalar)
  createdAt: Date;
}

@ObjectType({ description: "Returned once, at creation: the token is never shown again and is stored only as a hash." })
export class ClientCredentials {
  @Field(() => Client)
  client: Client;

  @Field(() => String)
  token: string;

  @Field(() => String, {
    description:
      "Key of the HMAC-SHA256 signature (header x-backbeat-signature) on every push request: check it on receipt.",
  })
  signingSecret: string;
}
