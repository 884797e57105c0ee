// What every engine operation needs, passed explicitly: the database, the clock, settings, and the
// hand-off to the outbound dispatcher for calls created in a transaction.
import type { OutboundCallRow, PassRequest, Sql, SqlTx } from "@backbeat/db";
import type { ClientCache } from "./client-cache.ts";
import type { Clock } from "./clock.ts";
import type { EngineConfig } from "./config.ts";
import type { EngineEvents } from "./engine-events.ts";
import type { PullHandOffSlot, PullOffer } from "./live/pull-hand-off.ts";
import type { Logger } from "./logger.ts";

export type EngineContext = {
  /** node-postgres pool: every engine transaction and hot-path query. */
  sql: Sql;
  clock: Clock;
  config: EngineConfig;
  log: Logger;
  /** This process's name in leases (unique per engine instance). */
  owner: string;
  /** Source of randomness for back-off jitter (pinned in tests). */
  random: () => number;
  /** Sends outbound calls that a committed transaction leased to this engine. */
  dispatch: (calls: OutboundCallRow[]) => void;
  clients: ClientCache;
  /** What the engine reports to observers (metrics): deliveries and committed transitions. */
  events: EngineEvents;
  /** Marks a delivered call as done; deletions are grouped (see delivery/settled-calls.ts). */
  settle: (callId: bigint) => void;
  /** This process's pull dispatcher, offered the pulled nodes each transaction sends (live/pull-hand-off.ts). */
  pullHandOff: PullHandOffSlot;
  /** Test-only fault injection: throw here to simulate a server-side failure of a job. */
  beforeJob?: (job: { kind: string; nodeId: string | null; attempts: number }) => void;
};

/** An open transaction plus what must happen after it commits. */
export type TxContext = EngineContext & {
  tx: SqlTx;
  now: Date;
  /** Outbound calls created in this transaction, sent by this engine right after commit. */
  outbound: OutboundCallRow[];
  /** Nodes this transaction sent to pull clients, offered to this process's pull workers at commit. */
  sentToPull: PullOffer;
  /** Passes asked for in this transaction, queued (once per parent) just before commit. */
  passes: Map<string, PassRequest>;
  /**
   * A statement this transaction does not wait for (the pool runs in pipeline mode): the next ones,
   * and at last COMMIT, follow it on the wire without a round trip, and the transaction fails with
   * the first such statement that failed.
   */
  sendAhead: (statement: Promise<unknown>) => void;
};
