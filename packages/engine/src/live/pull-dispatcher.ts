// nodesToRun: pull delivery for clients without an activity endpoint. A node sent to its client
// goes to exactly one subscription, in any process: the process that hands it out holds an
// advisory lock on (node, attempt) on its own connection (see db/queries/claim-pull-nodes.ts),
// and within the process a node is given to one subscription.
//
// A subscription holds at most `concurrency` + `prefetch` nodes until each is finished (a worker
// runs `concurrency` at once and keeps the rest in a local queue, so it never waits for the server
// between two nodes): a node is finished when its client status
// leaves received/processing, or the node leaves sent_to_client, or a new attempt starts. When a
// subscription ends (the worker disconnects or dies), every node it held and that is not finished
// goes at once to another subscriber, also one a worker already reported PROCESSING (it arrives
// with clientStatus PROCESSING: report the outcome directly). Delivery is thus at least once, as
// with retries: workers must tolerate running a node again. If the whole process dies, its lock
// connection closes and its nodes are free for the other processes' subscribers. A node nobody
// pulls is still subject to its deadline (sent_to_client/received past completeBy: retried).
//
// The fast path: nodes this process's own transactions send are handed out as they commit
// (pull-hand-off.ts), with no read. One process-wide tail of the status feed says which held nodes
// changed (they are read again, all in one statement) and which clients have new nodes waiting; one
// fill at a time then claims, for every client with free slots, as many nodes as it has room for in
// one statement. Wake-ups that arrive during a fill merge into the next one, so the work per node
// stays flat however fast events come.
import { randomUUID } from "node:crypto";
import {
  BadInputError,
  isAwaitingClientOnAttempt,
  keepsAwaitingClient,
  pulledNodeTypes,
  type NodeRecord,
} from "@backbeat/core";
import {
  announceReleasedClaims,
  claimPullNodes,
  createSqlPool,
  deletePullWorkers,
  findClient,
  insertPullWorker,
  listenForReleasedClaims,
  lockPullClaims,
  PULL_CHANNEL,
  readPulledNodes,
  refreshPullWorkers,
  releasePullClaims,
  type ClientRecord,
  type RoutingRow,
  type PullClaim,
  type PulledNode,
  type Sql,
  type SqlTx,
} from "@backbeat/db";
import { AsyncQueue } from "./async-queue.ts";
import type { PullHandOffSlot, PullOffer } from "./pull-hand-off.ts";
import type { StatusFeed } from "./status-feed.ts";

export const MAX_PULL_CONCURRENCY = 100;
/** The most nodes a subscription may hold beyond its concurrency. */
export const MAX_PULL_PREFETCH = 100;

type PullSubscription = {
  /** Its row in pull_workers (Client.connectedWorkers counts those, across processes). */
  id: string;
  client: ClientRecord;
  /** Nodes it may hold at once: its concurrency and its prefetch. */
  capacity: number;
  /** Held nodes: node id → attempt. */
  claims: Map<string, number>;
  /** Held nodes whose ending report is being applied (reporting()): their slots count as free. */
  finishing: Set<string>;
  queue: AsyncQueue<PulledNode>;
};

/** The slots a subscription's held nodes take. */
function slotsTaken(sub: PullSubscription): number {
  return sub.claims.size - sub.finishing.size;
}

export type PullDispatcherOptions = {
  /** Safety net: how often every held node is checked and every client's waiting nodes looked for. */
  pollMs?: number;
  /** How often this process marks its open subscriptions as alive in pull_workers. */
  heartbeatMs?: number;
  onError?: (error: unknown) => void;
  /** Nodes handed to subscriptions: as the transaction that sent them committed, or claimed by a fill. */
  onHandedOut?: (via: "commit" | "claim", count: number) => void;
  /** This process's engine (its context's pullHandOff): the nodes it sends come here as they commit, before the feed sees them. */
  handOff?: PullHandOffSlot;
};

export class PullDispatcher {
  private subs = new Set<PullSubscription>();
  /** Every node this process holds: node id → its subscription. */
  private holders = new Map<string, PullSubscription>();
  /** Held nodes whose status changed: read again at the next fill. */
  private suspects = new Set<string>();
  /** Claims ended outside a fill (settled()): their locks are given back at the next fill. */
  private releases: PullClaim[] = [];
  /** Clients that may have nodes waiting (new ones, or a slot freed). */
  private wanted = new Set<string>();
  /** Nodes offered by a transaction of this process, not yet landed: node id → its client, and whether the feed saw it change meanwhile. */
  private offered = new Map<string, { clientId: string; changed: boolean }>();
  /** Offers whose transaction's outcome is known, waiting for their locks: handedOut() waits for them. */
  private landing = new Set<Promise<void>>();
  private lockPool: ReturnType<typeof createSqlPool> | null = null;
  private lockConn: Promise<SqlTx> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private stopFeed: (() => void) | null = null;
  private readonly processId = `pull-${randomUUID()}`;
  /** Fills (and every change to claims) run one at a time, in this chain. */
  private filling: Promise<void> = Promise.resolve();
  private fillQueued = false;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly onError: (error: unknown) => void;
  private readonly handOff: PullHandOffSlot | null;
  private readonly onHandedOut: NonNullable<PullDispatcherOptions["onHandedOut"]>;

  constructor(
    private readonly sql: Sql,
    private readonly databaseUrl: string,
    private readonly feed: StatusFeed,
    opts: PullDispatcherOptions = {},
  ) {
    // Wake-ups come from the feed, the engine and PULL_CHANNEL; the sweep is how nodes held by a
    // process that died (its locks gone with its connection) reach the others.
    this.pollMs = opts.pollMs ?? 5_000;
    this.heartbeatMs = opts.heartbeatMs ?? 10_000;
    this.onError = opts.onError ?? (() => {});
    this.handOff = opts.handOff ?? null;
    this.onHandedOut = opts.onHandedOut ?? (() => {});
    if (this.handOff) this.handOff.handOff = (offer) => this.offer(offer);
  }

  /**
   * Nodes a transaction of this process is about to commit as sent (pull-hand-off.ts): those its
   * clients' subscriptions have room for are locked now, beside the COMMIT, and handed out when it
   * has landed; for the others, their clients' fills are woken.
   */
  private offer(sent: PullOffer): (committed: boolean) => void {
    const taken: PulledNode[] = [];
    if (this.subs.size > 0) {
      const room = new Map<string, number>();
      for (const node of sent.nodes) {
        if (this.holders.has(node.id) || this.offered.has(node.id)) continue;
        const free = room.get(node.clientId) ?? this.freeSlots(node.clientId);
        if (free <= 0) continue;
        room.set(node.clientId, free - 1);
        taken.push(node);
        this.offered.set(node.id, { clientId: node.clientId, changed: false });
      }
    }
    const conn = taken.length > 0 ? this.lockConn : null;
    const locking = conn ? conn.then((c) => lockPullClaims(c, taken.map(claimOf))) : Promise.resolve([]);
    locking.catch(() => undefined); // awaited once the transaction's outcome is known
    return (committed) => {
      const landed = locking
        .catch((error: unknown) => {
          this.onError(error);
          return [];
        })
        .then((locked) => this.land(sent, taken, locked, committed));
      this.landing.add(landed);
      void landed.finally(() => this.landing.delete(landed));
    };
  }

  /** The free slots of a client's subscriptions, less what is offered to them. */
  private freeSlots(clientId: string): number {
    let free = 0;
    for (const s of this.subs) if (s.client.id === clientId) free += s.capacity - slotsTaken(s);
    for (const o of this.offered.values()) if (o.clientId === clientId) free--;
    return free;
  }

  /** The offered transaction's outcome is known and its claims are locked: hand the nodes out. */
  private land(sent: PullOffer, taken: PulledNode[], locked: PullClaim[], committed: boolean): void {
    const lockedIds = new Set(locked.map((c) => c.nodeId));
    const placed = new Map<string, number>();
    let handedOut = 0;
    for (const node of taken) {
      const changed = this.offered.get(node.id)?.changed ?? false;
      this.offered.delete(node.id);
      if (!lockedIds.has(node.id)) continue;
      // A fill may have claimed it first (it was committed by then): the lock was taken twice.
      const sub = committed && !this.holders.has(node.id) ? this.roomFor(node.clientId) : undefined;
      if (!sub) {
        this.releases.push(claimOf(node));
        continue;
      }
      sub.claims.set(node.id, node.attempt);
      this.holders.set(node.id, sub);
      sub.queue.push(node);
      placed.set(node.clientId, (placed.get(node.clientId) ?? 0) + 1);
      handedOut++;
      // The feed saw it change after the commit: it may have moved on already.
      if (changed) this.suspects.add(node.id);
    }
    if (handedOut > 0) this.onHandedOut("commit", handedOut);
    if (committed)
      for (const [clientId, count] of sent.perClient) if ((placed.get(clientId) ?? 0) < count) this.want(clientId);
    if (this.releases.length > 0 || this.suspects.size > 0) this.fillSoon();
  }

  /**
   * Nodes as reports this process just committed left them: a claim they end ends now (no read, no
   * waiting for the feed), and the slot it frees is filled. Resolves once that fill has handed out
   * its nodes: a report's answer sent after them lets the worker report those nodes with the ones
   * it holds back until then, in one batch.
   */
  private settled(nodes: NodeRecord[]): Promise<void> {
    let ended = false;
    for (const node of nodes) {
      const sub = this.holders.get(node.id);
      const attempt = sub?.claims.get(node.id);
      if (!sub || attempt === undefined || stillHeld(node, attempt)) continue;
      this.drop(sub, node.id);
      this.releases.push({ nodeId: node.id, attempt });
      ended = true;
    }
    if (!ended) return Promise.resolve();
    // Unless every slot was refilled while the reports committed (reporting()), drop() asked for the
    // fill that refills them. The locks go back with the next fill's claim: a lock on a node that is
    // not waiting any more keeps nobody from anything.
    return this.filling;
  }

  /**
   * Runs `apply`, which commits reports of this process: while it runs, the slots of the held nodes
   * in `ending` (reports that end the client's work on them) count as free, so the nodes for those
   * slots are claimed and handed out while the reports commit instead of after. Then settles what
   * the reports left (settled()). A report that fails leaves its node held: its subscription holds
   * more than its capacity until that claim ends.
   */
  async reporting<T>(ending: string[], apply: () => Promise<T>, changed: (applied: T) => NodeRecord[]): Promise<T> {
    const marked: [PullSubscription, string][] = [];
    for (const nodeId of ending) {
      const sub = this.holders.get(nodeId);
      if (!sub || sub.finishing.has(nodeId)) continue;
      sub.finishing.add(nodeId);
      marked.push([sub, nodeId]);
      this.want(sub.client.id);
    }
    const unmark = () => {
      for (const [sub, nodeId] of marked) sub.finishing.delete(nodeId);
    };
    let applied: T;
    try {
      applied = await apply();
    } catch (error) {
      unmark();
      throw error;
    }
    const settling = this.settled(changed(applied));
    unmark(); // those still held (a refused report, PROCESSING) take their slots again
    await settling;
    return applied;
  }

  /**
   * Resolves once the nodes committed so far are handed out, at commit or by the fills asked for so
   * far: a mutation that sent nodes awaits it, so they go to their workers before its answer and its
   * answer's own reads.
   */
  async handedOut(): Promise<void> {
    await Promise.all(this.landing);
    await this.filling;
  }

  async subscribe(clientId: string, concurrency: number, prefetch = 0): Promise<AsyncIterableIterator<PulledNode>> {
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_PULL_CONCURRENCY) {
      throw new BadInputError(`concurrency must be between 1 and ${MAX_PULL_CONCURRENCY}`);
    }
    if (!Number.isInteger(prefetch) || prefetch < 0 || prefetch > MAX_PULL_PREFETCH) {
      throw new BadInputError(`prefetch must be between 0 and ${MAX_PULL_PREFETCH}`);
    }
    const client = await findClient(this.sql, clientId);
    if (!client) throw new BadInputError("unknown client");
    if (pulledNodeTypes(client).length === 0)
      throw new BadInputError("this client has an activityEndpoint: its nodes are pushed, not pulled");
    await this.connection();
    const sub: PullSubscription = {
      id: randomUUID(),
      client,
      capacity: concurrency + prefetch,
      claims: new Map(),
      finishing: new Set(),
      queue: new AsyncQueue<PulledNode>(MAX_PULL_CONCURRENCY + MAX_PULL_PREFETCH, () => void this.end(sub)),
    };
    this.subs.add(sub);
    // Its pull_workers row is written in the fill chain: subscriptions keep their order there
    // (the first one is filled first), and an end() that follows cannot delete the row before it exists.
    this.enqueue(() => insertPullWorker(this.sql, { id: sub.id, clientId: client.id, processId: this.processId }));
    this.timer ??= setInterval(() => this.sweep(), this.pollMs);
    this.heartbeat ??= setInterval(() => this.markAlive(), this.heartbeatMs);
    // Hand out what is waiting now; the status feed only speeds up later fills. Its start can wait
    // for transactions running anywhere on the cluster (see status-feed.ts), which must not delay
    // a worker's first nodes.
    this.want(client.id);
    if (!this.stopFeed) void this.follow();
    return sub.queue;
  }

  /** Whether a subscription of this process holds the node (handed out, not yet finished). */
  holds(nodeId: string): boolean {
    return this.holders.has(nodeId);
  }

  get subscriptionCount(): number {
    return this.subs.size;
  }

  async close(): Promise<void> {
    if (this.handOff?.handOff) this.handOff.handOff = null;
    const ids = [...this.subs].map((s) => s.id);
    for (const sub of [...this.subs]) sub.queue.close();
    await this.filling;
    this.stopTimers();
    if (ids.length > 0) await deletePullWorkers(this.sql, ids).catch((e: unknown) => this.onError(e));
    const conn = this.lockConn;
    this.lockConn = null;
    if (conn) (await conn.catch(() => null))?.release(true);
    await this.lockPool?.end();
    this.lockPool = null;
  }

  private connection(): Promise<SqlTx> {
    if (!this.lockConn) {
      this.lockPool ??= createSqlPool(this.databaseUrl, 1);
      // The same connection hears when another process gives a client's unfinished nodes back.
      const conn = this.lockPool.connect().then(async (c) => {
        c.on("notification", (n) => {
          if (n.channel === PULL_CHANNEL && n.payload) this.want(n.payload);
        });
        try {
          await listenForReleasedClaims(c);
        } catch (error) {
          // Cut before it could listen: give it back as broken, or the one-slot pool waits forever.
          c.release(error as Error);
          throw error;
        }
        return c;
      });
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

  /** One tail of the feed for the whole process: every client's changes. */
  private async follow(): Promise<void> {
    let stopped = false;
    this.stopFeed = () => (stopped = true);
    try {
      const events = await this.feed.subscribeRouting();
      this.stopFeed = () => void events.return?.();
      if (stopped || this.subs.size === 0) {
        this.stopFeed();
        this.stopFeed = null;
        return;
      }
      for await (const row of events) this.onChange(row);
    } catch (error) {
      this.onError(error);
    }
  }

  /**
   * A held node changed: check it at the next fill (not for a change that keeps it waiting for its
   * client, such as its own send). A node became waiting: its client may take it.
   */
  private onChange(row: RoutingRow): void {
    const offered = this.offered.get(row.nodeId);
    const mayEndClaim = !keepsAwaitingClient(row.statusType, row.toStatus);
    if (offered) offered.changed ||= mayEndClaim;
    else if (this.holders.has(row.nodeId)) {
      if (!mayEndClaim) return;
      this.suspects.add(row.nodeId);
      this.fillSoon();
    } else if (row.statusType === "client" && row.toStatus === "received") {
      this.want(row.clientId);
    }
  }

  /** The safety net: look at everything, in case a wake-up was lost. */
  private sweep(): void {
    for (const id of this.holders.keys()) this.suspects.add(id);
    for (const sub of this.subs) this.wanted.add(sub.client.id);
    this.fillSoon();
  }

  private markAlive(): void {
    const ids = [...this.subs].map((s) => s.id);
    if (ids.length > 0) refreshPullWorkers(this.sql, ids).catch((e: unknown) => this.onError(e));
  }

  private want(clientId: string): void {
    if (![...this.subs].some((s) => s.client.id === clientId)) return;
    this.wanted.add(clientId);
    this.fillSoon();
  }

  /** At most one fill waits behind the running one; every wake-up until it starts merges into it. */
  private fillSoon(): void {
    if (this.fillQueued) return;
    this.fillQueued = true;
    this.enqueue(async () => {
      this.fillQueued = false;
      await this.fillNow();
    });
  }

  private enqueue(step: () => Promise<unknown>): void {
    this.filling = this.filling.then(step).then(
      () => undefined,
      (e: unknown) => this.onError(e),
    );
  }

  private async fillNow(): Promise<void> {
    let released = this.releases;
    this.releases = [];
    if (this.subs.size === 0) {
      const conn = await this.lockConn?.catch(() => null);
      if (conn) await releasePullClaims(conn, released);
      return;
    }
    const conn = await this.connection();
    const suspects = [...this.suspects];
    this.suspects.clear();
    const claimed: PullClaim[] = [];
    const read = new Map<string, PulledNode>();
    for (const clientId of this.takeWanted()) {
      const subs = [...this.subs].filter((s) => s.client.id === clientId);
      const free = this.freeSlots(clientId);
      if (free <= 0) continue;
      // The first claim gives back what ended since the last fill: one statement for both.
      // Offered nodes are skipped too: their locks are on the way.
      const held = [...this.holders.keys(), ...this.offered.keys()];
      const got = await claimPullNodes(conn, subs[0]!.client, held, free, released);
      released = [];
      claimed.push(...got.claims);
      for (const [id, node] of got.nodes) read.set(id, node);
    }
    if (suspects.length > 0) for (const [id, node] of await readPulledNodes(this.sql, suspects)) read.set(id, node);
    if (suspects.length > 0 || claimed.length > 0) this.place(suspects, claimed, read, released);
    await releasePullClaims(conn, released);
  }

  /** Places the claims just taken (the node may have moved on before its lock) and drops held nodes that changed. */
  private place(suspects: string[], claimed: PullClaim[], now: Map<string, PulledNode>, released: PullClaim[]): void {
    for (const nodeId of suspects) {
      const sub = this.holders.get(nodeId);
      const attempt = sub?.claims.get(nodeId);
      if (!sub || attempt === undefined || stillHeld(now.get(nodeId), attempt)) continue;
      this.drop(sub, nodeId);
      released.push({ nodeId, attempt });
    }
    let handedOut = 0;
    for (const claim of claimed) {
      // Landed from an offer since this fill's claim was sent: the lock was taken twice.
      if (this.holders.has(claim.nodeId)) {
        released.push(claim);
        continue;
      }
      const node = now.get(claim.nodeId);
      const sub = node && stillHeld(node, claim.attempt) ? this.roomFor(node.clientId) : undefined;
      if (!node || !sub) {
        // It moved on before its lock: the slot is still free for the next waiting node.
        released.push(claim);
        if (node) this.want(node.clientId);
        continue;
      }
      sub.claims.set(node.id, claim.attempt);
      this.holders.set(node.id, sub);
      sub.queue.push(node);
      handedOut++;
    }
    if (handedOut > 0) this.onHandedOut("claim", handedOut);
  }

  private takeWanted(): string[] {
    const ids = [...this.wanted];
    this.wanted.clear();
    return ids;
  }

  /** The subscription of this client with the most free slots. */
  private roomFor(clientId: string): PullSubscription | undefined {
    let best: PullSubscription | undefined;
    for (const s of this.subs) {
      if (s.client.id !== clientId || slotsTaken(s) >= s.capacity) continue;
      if (!best || s.capacity - slotsTaken(s) > best.capacity - slotsTaken(best)) best = s;
    }
    return best;
  }

  /** A claim ends: its slot is free, so its client may take another waiting node (unless it took one already). */
  private drop(sub: PullSubscription, nodeId: string): void {
    const refilled = sub.finishing.delete(nodeId);
    sub.claims.delete(nodeId);
    this.holders.delete(nodeId);
    if (!refilled && this.subs.has(sub)) this.want(sub.client.id);
  }

  private async end(sub: PullSubscription): Promise<void> {
    if (!this.subs.delete(sub)) return;
    if (this.subs.size === 0) {
      this.stopTimers();
      this.stopFeed?.();
      this.stopFeed = null;
    }
    // Release in the fill chain, so a fill in progress cannot re-take a node being released; the
    // nodes go to the client's other subscriptions at once.
    this.enqueue(async () => {
      const claims = [...sub.claims].map(([nodeId, attempt]) => ({ nodeId, attempt }));
      for (const { nodeId } of claims) this.holders.delete(nodeId);
      sub.claims.clear();
      sub.finishing.clear();
      const conn = await this.lockConn;
      if (conn) await releasePullClaims(conn, claims);
      // Its unfinished nodes go to the client's other subscriptions, in this process or another.
      if (conn && claims.length > 0) await announceReleasedClaims(conn, sub.client.id);
    });
    await this.filling;
    await deletePullWorkers(this.sql, [sub.id]).catch((e: unknown) => this.onError(e));
  }

  private stopTimers(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}

function claimOf(node: NodeRecord): PullClaim {
  return { nodeId: node.id, attempt: node.attempt };
}

/** A claim lasts while the same attempt waits for (or is being run by) the client. */
function stillHeld(node: NodeRecord | undefined, attempt: number): boolean {
  return node !== undefined && isAwaitingClientOnAttempt(node, attempt);
}
