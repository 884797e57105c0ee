// Client applications: operators register them, list them and decide which clients may give them work.
import { listClients, type ClientRecord } from "@backbeat/db";
import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { audited } from "../operator/audited.ts";
import type { ApiContext } from "../context.ts";
import { requireOperator } from "../guards.ts";
import { CreateClientInput } from "./client.input.ts";
import { Client, ClientCredentials } from "./client.type.ts";

@Resolver(() => Client)
export class ClientResolver {
  @Query(() => [Client], { description: "Operators only." })
  clients(@Ctx() ctx: ApiContext): Promise<ClientRecord[]> {
    requireOperator(ctx);
    return listClients(ctx.engine.sql);
  }

  @Mutation(() => ClientCredentials, { description: "Operators only." })
  async createClient(
    @Arg("input", () => CreateClientInput) input: CreateClientInput,
    @Ctx() ctx: ApiContext,
  ): Promise<ClientCredentials> {
    requireOperator(ctx);
    return audited(ctx, "createClient", { name: input.name }, async () => {
      const { client, token } = await ctx.engine.createClient(input);
      return { client, token, signingSecret: client.signingSecret };
    });
  }

  @Mutation(() => Client, {
    description:
      "Operators only: the clients whose workflows may assign nodes to this one (replaces the list; [] for none). Any other client naming it as clientId gets NOT_FOUND, as for an unknown id.",
  })
  async setClientDelegation(
    @Arg("clientId", () => ID) clientId: string,
    @Arg("acceptsWorkFrom", () => [ID]) acceptsWorkFrom: string[],
    @Ctx() ctx: ApiContext,
  ): Promise<ClientRecord> {
    requireOperator(ctx);
    return audited(ctx, "setClientDelegation", { clientId, acceptsWorkFrom }, () =>
      ctx.engine.setClientDelegation(clientId, acceptsWorkFrom),
    );
  }
}
