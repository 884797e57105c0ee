export { createEngine, type Engine, type EngineOptions } from "./engine.ts";
export { ManualClock, systemClock, type Clock } from "./clock.ts";
export { DEFAULT_CONFIG, type EngineConfig } from "./config.ts";
export { EngineEvents, type EngineEventMap, type EngineEventName } from "./engine-events.ts";
export { jsonLogger, silentLogger, type Logger, type LogLevel } from "./logger.ts";
export { actorOf, type Caller } from "./caller.ts";
export { SIGNATURE_HEADER, signBody } from "./delivery/http-post.ts";
export type { ClientCredentials, CreateClientInput } from "./commands/create-client.ts";
export type { CreateWorkflowInput } from "./commands/create-workflow.ts";
export type { SignalInput } from "./commands/signal-workflow.ts";
// Live delivery: the audit log tailed for subscribers (nodeEvents), and pull delivery (nodesToRun).
export { StatusFeed, type FeedFilter, type StatusFeedOptions } from "./live/status-feed.ts";
export { MAX_PULL_CONCURRENCY, PullDispatcher, type PullDispatcherOptions } from "./live/pull-dispatcher.ts";
export { concatIterators, mapIterator } from "./live/iterators.ts";
