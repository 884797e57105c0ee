// What a scenario needs of a system under test. Each adapter (backbeat.ts, graphile.ts, pgboss.ts,
// bullmq.ts) deploys the system (servers, worker processes) and starts work the way its users do.
import type { BenchPostgres } from "../infra/postgres.ts";
import type { BenchRedis } from "../infra/redis.ts";
import type { WorkerGroup } from "./workers.ts";

/** How many server and worker processes a scenario runs (peers have no server). */
export type Shape = { servers: number; workers: number };

/**
 * Work to start. fanout: one root with `n` children, then fan-in ("done"). single: one node.
 * tree: a root with `n` branches of `n` leaves each, then fan-in ("done").
 */
export type Work = { kind: "fanout" | "single" | "tree"; key: string; n: number };

export type System = {
  name: string;
  /** Its PostgreSQL database, for statement and transaction counts (null: not on PostgreSQL). */
  database: string | null;
  /** Server processes (Backbeat), for CPU and RSS. */
  serverPids: () => number[];
  workers: WorkerGroup;
  /**
   * Gets `work` ready outside the timed part (e.g. creates the workflow); the returned function
   * starts it, resolving once the system has accepted it. `via` picks a server when there are several.
   */
  prepare: (work: Work, via?: number) => Promise<() => Promise<void>>;
  stop: () => Promise<void>;
};

export type Infra = { postgres: BenchPostgres; redis: BenchRedis | null; concurrency: number };

export type SystemFactory = {
  name: string;
  /** PostgreSQL job queues are the peers Backbeat's ratios compare against. */
  kind: "backbeat" | "postgres-peer" | "redis-peer";
  /** Why it cannot run here (e.g. no redis-server), or null. */
  unavailable: (infra: Infra) => string | null;
  start: (infra: Infra, shape: Shape) => Promise<System>;
};
