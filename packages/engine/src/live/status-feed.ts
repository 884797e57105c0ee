// One tail of the audit log per server process, fanned out to its nodeEvents subscribers. Every
// process reads the database itself, so a change made by any process reaches every subscriber.
//
// Order and completeness: the feed delivers ids in increasing order and only past a position `hw`
// below which every id is final (committed and read, or never to appear: see
// tail-status-changes.ts). A resuming subscriber replays (after, hw] from the table, then takes
// live events above hw: no gap and no duplicate, however the two overlap in time.
//
// Wake-ups: every statement that writes audit rows NOTIFYs STATUS_CHANNEL (delivered at commit, in
// every process), so the feed reads as soon as a change commits. A slow poll while anyone is
// subscribed is only a safety net (a notification lost while the LISTEN connection reconnects is
// covered anyway: the listener wakes the feed after reconnecting). Idle, the feed reads nothing
// (one started only to answer position() stops after idleMs).
import {
  listenForWork,
  replayStatusChanges,
  STATUS_CHANNEL,
  statusChangesHead,
  tailRoutingChanges,
  tailStatusChanges,
  transactionsEndedBefore,
  type FeedRow,
  type RoutingRow,
  type ReadScope,
  type Sql,
  type StatusTail,
  type WorkListener,
} from "@backbeat/db";
import { AsyncQueue } from "./async-queue.ts";
import { concatIterators } from "./iterators.ts";

export type FeedFilter = { scope: ReadScope; workflowId: string | null };

export type StatusFeedOptions = {
  /** Safety poll interval while there are subscribers (NOTIFY does the prompt wake-ups). */
  pollMs?: number;
  /** A missing id is skipped only after this long too (docs/graphql-api.md, "nodeEvents": when a missing id counts as never coming). */
  gapGraceMs?: number;
  batch?: number;
  maxQueue?: number;
  /** How long a feed started only to answer position() keeps reading before it stops (a subscriber usually follows). */
  idleMs?: number;
  /** position() waits at most this long to cover what committed before the call (else it answers a lower, still safe, position). */
  positionWaitMs?: number;
  /**
   * Under a stream of commits, reads start at least this far apart, each taking everything committed
   * meanwhile (a read is one statement however many rows it brings): a lone change is read at once.
   */
  readGapMs?: number;
  onError?: (error: unknown) => void;
};

// `after`: a subscriber resuming on a process whose feed is still behind its cursor (it read it
// from another process) must not get the changes up to it again. A routing listener (the pull
// dispatcher) takes every change, live, with only what routes it: while it is the only kind, the
// feed reads just that (tailRoutingChanges), which is most of its cost saved.
type Listener =
  | { kind: "full"; filter: FeedFilter; after: bigint; queue: AsyncQueue<FeedRow> }
  | { kind: "routing"; after: bigint; queue: AsyncQueue<RoutingRow> };

/**
 * Ids lo..hi missing below a row already read: final (never to appear) once every transaction of this
 * database running at that read has ended (xmin ≥ xmax) and gapGraceMs has passed since.
 */
type Hole = { lo: bigint; hi: bigint; xmax: bigint; since: number };

/** A position() call waiting for the feed to read up to `upTo`. */
type Waiter = { upTo: bigint; resolve: () => void };

export class StatusFeed {
  private hw = 0n;
  private listeners = new Set<Listener>();
  private waiters = new Set<Waiter>();
  private idleTimer: NodeJS.Timeout | null = null;
  /** Rows read above hw that wait for a lower id (held, so a read does not fetch them again). */
  private ahead = new Map<bigint, RoutingRow>();
  /** Whether `ahead` holds full rows (FeedRow) or only what routes them. */
  private aheadFull = false;
  /** The highest id read: every id in (hw, top] is in `ahead` or in one of `holes`. */
  private top = 0n;
  /** Ids in (hw, top] not read yet, in order, each run with the horizon of the read that first saw it missing. */
  private holes: Hole[] = [];
  private starting: Promise<void> | null = null;
  private listener: WorkListener | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Counts stop()s: a begin() that finds it changed was stopped meanwhile and must not start reading. */
  private stops = 0;
  private reading = false;
  private again = false;
  private lastReadAt = -Infinity;
  private closed = false;
  private readonly opts: Required<StatusFeedOptions>;

  constructor(
    private readonly sql: Sql,
    private readonly databaseUrl: string,
    opts: StatusFeedOptions = {},
  ) {
    this.opts = {
      pollMs: 30_000, // a safety net only, like the scheduler's sweep: NOTIFY wakes the feed
      gapGraceMs: 100,
      batch: 500,
      maxQueue: 10_000,
      idleMs: 60_000,
      positionWaitMs: 5000,
      readGapMs: 20,
      onError: () => {},
      ...opts,
    };
  }

  /** Changes matching `filter`: first those after `after` (if given), then live ones. */
  async subscribe(filter: FeedFilter, after: bigint | null): Promise<AsyncIterableIterator<FeedRow>> {
    await this.start();
    const upTo = this.hw;
    const listener: Listener = {
      kind: "full",
      filter,
      after: after ?? 0n,
      queue: new AsyncQueue<FeedRow>(this.opts.maxQueue, () => this.remove(listener)),
    };
    this.listeners.add(listener);
    const replay = after !== null && after < upTo ? this.replay(filter, after, upTo) : null;
    return replay ? concatIterators(replay, listener.queue) : listener.queue;
  }

  /** Every change from now on, with only what routes it (RoutingRow). */
  async subscribeRouting(): Promise<AsyncIterableIterator<RoutingRow>> {
    await this.start();
    const listener: Listener = {
      kind: "routing",
      after: this.hw,
      queue: new AsyncQueue<RoutingRow>(this.opts.maxQueue, () => this.remove(listener)),
    };
    this.listeners.add(listener);
    return listener.queue;
  }

  /**
   * A safe resume point: every change with an id up to it is committed (and the feed has read it), and it
   * covers every change committed before the call (unless a transaction stays open for over
   * positionWaitMs: then it is lower, still safe). A reader who takes the position, then reads state,
   * then subscribes with `after` = position misses nothing; changes above it may already show in that state.
   * Never goes backwards.
   */
  async position(): Promise<bigint> {
    await this.start();
    const { lastId } = await statusChangesHead(this.sql);
    if (this.hw < lastId) await this.readUpTo(lastId);
    const position = this.hw;
    if (this.listeners.size === 0 && this.waiters.size === 0) this.stopWhenIdle();
    return position;
  }

  /** Whether the feed is reading (it has subscribers, or answered position() less than idleMs ago). */
  get started(): boolean {
    return this.starting !== null;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** Ends every subscription and stops reading. */
  async close(): Promise<void> {
    this.closed = true;
    for (const l of [...this.listeners]) l.queue.close();
    this.wake(true);
    await this.stop();
  }

  private readUpTo(upTo: bigint): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => waiter.resolve(), this.opts.positionWaitMs);
      const waiter: Waiter = {
        upTo,
        resolve: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      this.waiters.add(waiter);
      this.poke();
    });
  }

  /** Lets the position() calls go whose target the feed has read (all of them when closing). */
  private wake(all = false): void {
    for (const w of [...this.waiters]) if (all || this.hw >= w.upTo) w.resolve();
  }

  private stopWhenIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.listeners.size === 0 && this.waiters.size === 0 && !this.closed) void this.stop();
    }, this.opts.idleMs).unref();
  }

  private async *replay(filter: FeedFilter, after: bigint, upTo: bigint): AsyncGenerator<FeedRow> {
    let from = after;
    for (;;) {
      const rows = await replayStatusChanges(
        this.sql,
        filter.scope,
        filter.workflowId,
        { after: from, upTo },
        this.opts.batch,
      );
      yield* rows;
      if (rows.length < this.opts.batch) return;
      from = BigInt(rows.at(-1)!.id);
    }
  }

  private async start(): Promise<void> {
    for (;;) {
      const stops = this.stops;
      this.starting ??= this.begin().catch((e: unknown) => {
        this.starting = null;
        throw e;
      });
      await this.starting;
      // Stopped while starting (the last subscriber left meanwhile): start again for this caller.
      if (stops === this.stops || this.closed) return;
    }
  }

  // The head id is final once the transactions running when it was read have ended.
  private async begin(): Promise<void> {
    const stops = this.stops;
    const head = await statusChangesHead(this.sql);
    // Normally milliseconds. A transaction left open for long (a stuck session) would hold every
    // new subscriber here, so after a while the feed starts anyway and says so.
    const deadline = performance.now() + 10_000;
    while (!(await transactionsEndedBefore(this.sql, head.xmax))) {
      if (performance.now() > deadline) {
        this.opts.onError(
          new Error("status feed: a transaction has been open for over 10 s; starting without waiting for it"),
        );
        break;
      }
      await sleep(10);
    }
    this.moveTo(head.lastId);
    const listener = await listenForWork(this.databaseUrl, () => this.poke(), this.opts.onError, STATUS_CHANNEL);
    // Stopped (or closed) while starting: what this start opened must not outlive that stop.
    if (stops !== this.stops) return void (await listener.close());
    this.listener = listener;
    this.timer = setInterval(() => this.poke(), this.opts.pollMs);
  }

  private remove(listener: Listener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0 && this.waiters.size === 0 && !this.closed) void this.stop();
  }

  private async stop(): Promise<void> {
    this.stops++;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const listener = this.listener;
    this.listener = null;
    this.starting = null;
    await listener?.close();
  }

  private poke(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    void this.readAll()
      .catch((e: unknown) => this.opts.onError(e))
      .finally(() => (this.reading = false));
  }

  private async readAll(): Promise<void> {
    let more = false;
    do {
      this.again = false;
      // A backlog (the last read was full) is read on at once; new commits wait out the gap.
      const wait = more ? 0 : this.lastReadAt + this.opts.readGapMs - performance.now();
      if (wait > 0) await sleep(wait);
      this.lastReadAt = performance.now();
      more = await this.readOnce();
      if (more) this.again = true;
    } while (this.again && (this.listeners.size > 0 || this.waiters.size > 0));
  }

  private wantsFullRows(): boolean {
    for (const l of this.listeners) if (l.kind === "full") return true;
    return false;
  }

  /** Starts reading after `hw`, forgetting what was read past it. */
  private moveTo(hw: bigint): void {
    this.hw = hw;
    this.top = hw;
    this.ahead.clear();
    this.holes = [];
  }

  /** One batch; true when there may be more to read right away. */
  private async readOnce(): Promise<boolean> {
    const from = this.hw;
    const full = this.wantsFullRows();
    // Rows held with only what routes them are read again for a full listener.
    if (full !== this.aheadFull) {
      this.moveTo(from);
      this.aheadFull = full;
    }
    const limit = Math.max(this.opts.batch - this.ahead.size, 0);
    // Only a hole past its grace can be judged final by this read: the others need no exact horizon.
    const started = performance.now();
    const exactXmin = this.holes.some((h) => started - h.since >= this.opts.gapGraceMs) || this.opts.gapGraceMs <= 0;
    const window = { holes: this.holes, top: this.top, limit, exactXmin };
    const tail: StatusTail<RoutingRow> = full
      ? await tailStatusChanges(this.sql, window)
      : await tailRoutingChanges(this.sql, window);
    if (this.hw !== from || this.aheadFull !== full) return true; // restarted meanwhile
    if (!full && this.wantsFullRows()) return true; // a full listener came meanwhile: read these again for it
    const now = performance.now();
    let above = 0;
    for (const row of tail.rows) {
      const id = BigInt(row.id);
      if (id > this.top) {
        above++;
        if (id > this.top + 1n) this.holes.push({ lo: this.top + 1n, hi: id - 1n, xmax: tail.xmax, since: now });
        this.top = id;
      } else if (!this.fill(id)) {
        continue; // in no hole: already passed as never coming (cannot happen while ids are final when judged so)
      }
      this.ahead.set(id, row);
    }
    const out = this.advance(tail.xmin, now);
    // Deliver and advance in one synchronous step: a subscriber that registers in between sees
    // either all of these live or none of them (then they are in its replay).
    for (const { id, row } of out)
      for (const l of this.listeners) {
        if (id <= l.after) continue;
        if (l.kind === "routing") l.queue.push(row);
        else if (matches(l.filter, row as FeedRow)) l.queue.push(row as FeedRow); // full: read with full rows
      }
    this.wake();
    // A hole usually closes within milliseconds (a transaction committing, which notifies), but a
    // rolled-back one never notifies: look again soon.
    if (this.holes.length > 0) setTimeout(() => this.poke(), 50).unref();
    // More may be waiting when this read filled its window (or found it full) and rows left it.
    return out.length > 0 && (limit === 0 || above === limit);
  }

  /** A row read in a hole: the hole shrinks or splits around it. False when no hole holds `id`. */
  private fill(id: bigint): boolean {
    const i = this.holes.findIndex((h) => h.lo <= id && id <= h.hi);
    const hole = this.holes[i];
    if (!hole) return false;
    const parts = [
      ...(hole.lo < id ? [{ ...hole, hi: id - 1n }] : []),
      ...(id < hole.hi ? [{ ...hole, lo: id + 1n }] : []),
    ];
    this.holes.splice(i, 1, ...parts);
    return true;
  }

  /** Moves hw past the held rows and final holes that follow it; returns the rows passed, in order. */
  private advance(xmin: bigint, now: number): { id: bigint; row: RoutingRow }[] {
    const out: { id: bigint; row: RoutingRow }[] = [];
    for (;;) {
      const next = this.hw + 1n;
      const row = this.ahead.get(next);
      if (row) {
        this.ahead.delete(next);
        out.push({ id: next, row });
        this.hw = next;
        continue;
      }
      const hole = this.holes[0];
      if (!hole || hole.lo !== next) break;
      if (xmin < hole.xmax || now - hole.since < this.opts.gapGraceMs) break;
      this.holes.shift();
      this.hw = hole.hi;
    }
    return out;
  }
}

function matches(filter: FeedFilter, row: FeedRow): boolean {
  if (filter.workflowId !== null && row.workflowId !== filter.workflowId) return false;
  return filter.scope.clientId === null || row.clientId === filter.scope.clientId;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
