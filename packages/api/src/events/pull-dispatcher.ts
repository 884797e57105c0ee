// nodesToRun: pull delivery for clients without an activity endpoint. A node sent to its client
// goes to exactly one subscription, in any process: the process that hands it out holds an
// advisory lock on (node, attempt) on its own connection (see db/queries/node-claim-locks.ts),
// and within the process a node is given to one subscription.
//
// A subscription holds at most `concurrency` nodes until each is finished: its client status
// leaves received/processing, or the node leaves sent_to_client, or a new attempt starts. When a
// subscription ends (the worker disconnects or dies), every node it held and that is not finished
// goes at once to another subscriber, also one a worker already reported PROCESSING (it arrives
// with clientStatus PROCESSING: report the outcome directly). Delivery is thus at least once, as
// with retries: workers must tolerate running a node again. If the whole process dies, its lock
// connection closes and its nodes are free for the other processes' subscribers. A node nobody
// pulls is still subject to its deadline (sent_to_client/received past completeBy: retried).
import { randomUUID } from "node:crypto";
import { BadInputError, type NodeRecord } from "@backbeat/core";
import {
  createSqlPool,
  deletePullWorkers,
  insertPullWorker,
  refreshPullWorkers,
  findClient,
  findNode,
  findPullCandidates,
  releaseClaimLock,
  tryClaimLock,
  type ClientRecord,
  type Sql,
} from "@backbeat/db";
import type pg from "pg";
import { AsyncQueue } from "./async-queue.ts";
import type { StatusFeed } from "./status-feed.ts";

export const MAX_PULL_CONCURRENCY = 100;

type Claim = { nodeId: string; attempt: number };

type PullSubscription = {
  /** Its row in pull_workers (Client.connectedWorkers counts those, across processes). */
  id: string;
  client: ClientRecord;
  concurrency: number;
  claims: Map<string, Claim>;
  queue: AsyncQueue<NodeRecord>;
  stopFeed: () => void;
};

export type PullDispatcherOptions = {
  pollMs?: number;
  /** How often this process marks its open subscriptions as alive in pull_workers. */
  heartbeatMs?: number;
  onError?: (error: unknown) => void;
};

export class PullDispatcher {
  private subs = new Set<PullSubscription>();
  private lockPool: pg.Pool | null = null;
  private lockConn: Promise<pg.PoolClient> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly processId = `pull-${randomUUID()}`;
  private readonly heartbeatMs: number;
  /** Fills run one at a time per process, so one node is never given to two subscriptions here. */
  private filling: Promise<void> = Promise.resolve();
  private readonly pollMs: number;
  private readonly onError: (error: unknown) => void;

  constructor(
    private readonly sql: Sql,
    private readonly databaseUrl: string,
    private readonly feed: StatusFeed,
    opts: PullDispatcherOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 1000;
    this.heartbeatMs = opts.heartbeatMs ?? 10_000;
    this.onError = opts.onError ?? (() => {});
  }

  async subscribe(clientId: string, concurrency: number): Promise<AsyncIterableIterator<NodeRecord>> {
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_PULL_CONCURRENCY) {
      throw new BadInputError(`concurrency must be between 1 and ${MAX_PULL_CONCURRENCY}`);
    }
    const client = await findClient(this.sql, clientId);
    if (!client) throw new BadInputError("unknown client");
    if (client.activityEndpoint)
      throw new BadInputError("this client has an activityEndpoint: its nodes are pushed, not pulled");
    await this.connection();
    const sub: PullSubscription = {
      id: randomUUID(),
      client,
      concurrency,
      claims: new Map(),
      queue: new AsyncQueue<NodeRecord>(MAX_PULL_CONCURRENCY, () => void this.end(sub)),
      stopFeed: () => {},
    };
    this.subs.add(sub);
    // Its pull_workers row is written in the fill queue: subscriptions keep their order there
    // (the first one is filled first), and an end() that follows cannot delete the row before it exists.
    this.filling = this.filling
      .then(() => insertPullWorker(this.sql, { id: sub.id, clientId: client.id, processId: this.processId }))
      .catch((e: unknown) => this.onError(e));
    this.timer ??= setInterval(() => this.fillAll(), this.pollMs);
    this.heartbeat ??= setInterval(() => this.markAlive(), this.heartbeatMs);
    // Hand out what is waiting now; the status feed only speeds up later fills. Its start can wait
    // for transactions running anywhere on the cluster (see status-feed.ts), which must not delay
    // a worker's first nodes.
    this.fill(sub);
    void this.follow(sub, clientId);
    return sub.queue;
  }

  get subscriptionCount(): number {
    return this.subs.size;
  }

  async close(): Promise<void> {
    const ids = [...this.subs].map((s) => s.id);
    for (const sub of [...this.subs]) sub.queue.close();
    await this.filling;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    if (ids.length > 0) await deletePullWorkers(this.sql, ids).catch((e: unknown) => this.onError(e));
    const conn = this.lockConn;
    this.lockConn = null;
    if (conn) (await conn.catch(() => null))?.release(true);
    await this.lockPool?.end();
    this.lockPool = null;
  }

  private connection(): Promise<pg.PoolClient> {
    if (!this.lockConn) {
      this.lockPool ??= createSqlPool(this.databaseUrl, 1);
      const conn = this.lockPool.connect();
      this.lockConn = conn;
      conn.then(
        (c) =>
          c.on("error", (e) => {
            // The locks died with the connection: another process may now hand these nodes out,
            // so this one must stop holding them too.
            this.onError(e);
            this.lockConn = null;
            // Give the broken connection back as broken: the lock pool has one slot, and a new
            // connect() would otherwise wait for it forever (and every fill queued behind it).
            c.release(e);
            for (const sub of [...this.subs]) sub.queue.close();
          }),
        () => (this.lockConn = null),
      );
    }
    return this.lockConn;
  }

  private async follow(sub: PullSubscription, clientId: string): Promise<void> {
    try {
      const events = await this.feed.subscribe({ scope: { clientId }, workflowId: null }, null);
      if (!this.subs.has(sub)) {
        void events.return?.();
        return;
      }
      sub.stopFeed = () => void events.return?.();
      await this.watch(sub, events);
    } catch (error) {
      this.onError(error);
    }
  }

  /** Status changes of the client's nodes: a held node may be finished; a new one may be waiting. */
  private async watch(sub: PullSubscription, events: AsyncIterableIterator<{ nodeId: string; toStatus: string }>) {
    try {
      for await (const e of events) {
        if (sub.claims.has(e.nodeId) || e.toStatus === "received") this.fill(sub);
      }
    } catch (error) {
      this.onError(error);
    }
  }

  private markAlive(): void {
    const ids = [...this.subs].map((s) => s.id);
    if (ids.length > 0) refreshPullWorkers(this.sql, ids).catch((e: unknown) => this.onError(e));
  }

  private fillAll(): void {
    for (const sub of this.subs) this.fill(sub);
  }

  private fill(sub: PullSubscription): void {
    this.filling = this.filling.then(() => this.fillNow(sub)).catch((e: unknown) => this.onError(e));
  }

  private async fillNow(sub: PullSubscription): Promise<void> {
    if (!this.subs.has(sub)) return;
    const conn = await this.connection();
    for (const claim of [...sub.claims.values()]) {
      const node = await findNode(this.sql, claim.nodeId);
      if (!node || !stillHeld(node, claim)) await this.release(conn, sub, claim);
    }
    const free = sub.concurrency - sub.claims.size;
    if (free <= 0) return;
    const held = [...this.subs].flatMap((s) => [...s.claims.keys()]);
    for (const candidate of await findPullCandidates(this.sql, sub.client, held, free * 2 + 5)) {
      if (sub.claims.size >= sub.concurrency || !this.subs.has(sub)) return;
      if (!(await tryClaimLock(conn, candidate.id, candidate.attempt))) continue;
      // Re-read under the lock: the node may have moved on since the candidates were listed.
      const node = await findNode(this.sql, candidate.id);
      if (!node || !stillHeld(node, { nodeId: node.id, attempt: candidate.attempt })) {
        await releaseClaimLock(conn, candidate.id, candidate.attempt);
        continue;
      }
      sub.claims.set(node.id, { nodeId: node.id, attempt: node.attempt });
      sub.queue.push(node);
    }
  }

  private async release(conn: Sql, sub: PullSubscription, claim: Claim): Promise<void> {
    sub.claims.delete(claim.nodeId);
    await releaseClaimLock(conn, claim.nodeId, claim.attempt);
  }

  private async end(sub: PullSubscription): Promise<void> {
    if (!this.subs.delete(sub)) return;
    sub.stopFeed();
    if (this.subs.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    if (this.subs.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
    // Release in the fill queue, so a fill in progress cannot re-take a node being released.
    this.filling = this.filling
      .then(async () => {
        const conn = await this.lockConn;
        if (conn) for (const claim of [...sub.claims.values()]) await this.release(conn, sub, claim);
      })
      .catch((e: unknown) => this.onError(e));
    await this.filling;
    await deletePullWorkers(this.sql, [sub.id]).catch((e: unknown) => this.onError(e));
  }
}

/** A claim lasts while the same attempt waits for (or is being run by) the client. */
function stillHeld(node: NodeRecord, claim: Claim): boolean {
  return (
    node.attempt === claim.attempt &&
    node.serverStatus === "sent_to_client" &&
    (node.clientStatus === "received" || node.clientStatus === "processing")
  );
}
