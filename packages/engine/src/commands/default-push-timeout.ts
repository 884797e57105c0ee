// A client's push timeout, set once unless it has one: clients of the original REST API run the node
// inside the push request (reference §7.2), so they need longer than the engine's outbound timeout.
import { setDefaultPushTimeout } from "@backbeat/db";
import type { EngineContext } from "../context.ts";

export async function defaultPushTimeout(ctx: EngineContext, clientId: string, seconds: number): Promise<void> {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) throw new Error(`bad push timeout ${seconds}`);
  await setDefaultPushTimeout(ctx.sql, clientId, seconds);
}
