// What the worker does, by node name. Return a result (COMPLETED) or throw (ERRORED: the server retries).
import type { Handler } from "@backbeat/client";

export const handlers: Record<string, Handler> = {
  // The signal: a decision that adds children; they start once it returns.
  purchase: async (ctx) => {
    await ctx.blocking("charge card", { clientData: ctx.node.clientData, retry: 3, retryInterval: 60 });
    await ctx.nonBlocking("send receipt");
    await ctx.fireAndForget("update statistics");
    await ctx.blocking("ask for a review", { firesAt: new Date(Date.now() + 2000) });
    return { children: 4 };
  },
  "charge card": (ctx) => {
    const amount = Number(ctx.node.clientData.amount);
    if (!(amount > 0)) throw new RangeError(`cannot charge ${amount}`);
    return { charged: amount };
  },
  "send receipt": (ctx) => ({ sentFor: ctx.node.subject }),
  "update statistics": () => null,
  "ask for a review": async (ctx) => {
    await ctx.heartbeat(); // still working: the node's deadline starts again
    return "asked";
  },
};
