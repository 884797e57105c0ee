// Node.whyNotRunning (operators only: the answer names other clients' nodes): reads the facts, and
// core's whyNotRunning decides.
import { describeError, hasFailedBefore, whyNotRunning, type NodeRecord } from "@backbeat/core";
import { findWhyNotRunningFacts, listNodeHistory } from "@backbeat/db";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { ApiContext } from "../context.ts";
import { found, requireOperator } from "../guards.ts";
import { Blocker } from "./blocker.type.ts";
import { Node } from "./node.type.ts";

@Resolver(() => Node)
export class WhyNotRunningResolver {
  @FieldResolver(() => [Blocker], {
    description:
      "Why this node is not running now, in words, computed by the server. Empty when it is running or finished. Operators only.",
  })
  async whyNotRunning(@Root() node: NodeRecord, @Ctx() ctx: ApiContext): Promise<Blocker[]> {
    requireOperator(ctx);
    const facts = found(await findWhyNotRunningFacts(ctx.engine.sql, node.id), "Node", node.id);
    const lastError = hasFailedBefore(node.serverStatus)
      ? (await listNodeHistory(ctx.engine.sql, node.id, "errored")).at(-1)
      : undefined;
    return whyNotRunning(node, facts, ctx.engine.context.clock.now(), describeError(lastError?.response ?? null));
  }
}
