// Client.connectedWorkers: open nodesToRun subscriptions of this client on every server process.
import { countConnectedWorkers, type ClientRecord } from "@backbeat/db";
import { Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { ApiContext } from "../context.ts";
import { Client } from "./client.type.ts";

@Resolver(() => Client)
export class ClientFieldsResolver {
  @FieldResolver(() => Int, {
    description: "Pull workers connected now (open nodesToRun subscriptions, on any server process).",
  })
  async connectedWorkers(@Root() client: ClientRecord, @Ctx() ctx: ApiContext): Promise<number> {
    return (await countConnectedWorkers(ctx.engine.sql, [client.id])).get(client.id) ?? 0;
  }
}
