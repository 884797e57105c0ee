// statusFeedPosition: where a reader resumes nodeEvents after reading a snapshot. Read the position,
// then the state, then subscribe with `after` = position: nothing is missed, and what the state
// already shows may come again (apply by StatusChange id). Operators only: it is the head of the whole
// cluster's audit log, so its growth tells how busy every client is. A client resumes nodeEvents from
// the last StatusChange id it received instead.
import { ID, Ctx, Query, Resolver } from "type-graphql";
import type { ApiContext } from "../context.ts";
import { requireOperator } from "../guards.ts";

@Resolver()
export class FeedPositionResolver {
  @Query(() => ID, {
    description:
      "The StatusChange id up to which every status change is committed and readable (it covers every change committed before this request). Read it before reading state, then subscribe to nodeEvents with `after` set to it: every change after it is delivered; changes the state already shows may be delivered again (apply them by StatusChange id). Never decreases.",
  })
  async statusFeedPosition(@Ctx() ctx: ApiContext): Promise<string> {
    requireOperator(ctx);
    if (!ctx.feed) throw new Error("statusFeedPosition needs a status feed");
    return (await ctx.feed.position()).toString();
  }
}
