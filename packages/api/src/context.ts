// What every resolver gets: who is asking (as the engine's Caller and as the read queries' scope)
// and the engine (commands, and its pg pool for reads).
import type { ReadScope } from "@backbeat/db";
import type { Caller, Engine } from "@backbeat/engine";
import type { PullDispatcher } from "./events/pull-dispatcher.ts";
import type { StatusFeed } from "./events/status-feed.ts";

export type ApiContext = {
  caller: Caller;
  scope: ReadScope;
  engine: Engine;
  /** The audit-log tail behind nodeEvents (null where subscriptions are not served). */
  feed: StatusFeed | null;
  /** Pull delivery behind nodesToRun (null where subscriptions are not served). */
  pull: PullDispatcher | null;
};

/** What serves subscriptions in this process. */
export type Subscriptions = { feed: StatusFeed; pull: PullDispatcher };

export function contextFor(engine: Engine, caller: Caller, subscriptions: Subscriptions | null = null): ApiContext {
  return {
    engine,
    caller,
    feed: subscriptions?.feed ?? null,
    pull: subscriptions?.pull ?? null,
    scope: { clientId: caller.kind === "client" ? caller.clientId : null },
  };
}
