// Client applications: operators register them and list them.
import { listClients, type ClientRecord } from "@backbeat/db";
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
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
}
