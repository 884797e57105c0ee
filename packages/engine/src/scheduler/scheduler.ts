// The engine's loop. All scheduled work lives in PostgreSQL; this only finds what is due and runs
// it. Tests drive it step by step with tick()/drain() and a manual clock; servers call start().
//
// Several job loops run at once, and one delivery loop (outbound calls and deadlines). A wake for
// new jobs rouses one idle job loop, not all of them; a loop that finds a full batch rouses the next,
// so loops join in only while there is work for them. A loop that is done asks when the next job is
// due and sleeps until then. The delivery loop is woken by new calls and by this process's sends.
import {
  claimOutboundCalls,
  JOBS_WAKE,
  listenForWork,
  nextDeliveryTime,
  nextJobTime,
  OUTBOUND_WAKE,
  type WorkListener,
} from "@backbeat/db";
import type { EngineContext } from "../context.ts";
import type { Dispatcher } from "../delivery/dispatcher.ts";
import { expireDeadlines } from "./expire-deadlines.ts";
import { JOB_BATCH, runDueJobs } from "./job-worker.ts";
import { Wakeup } from "./wakeup.ts";

const MAX_JOBS_PER_TICK = 10_000;
const MIN_IDLE_WAIT_MS = 25;
/**
 * Nodes sent make the deadline loop ask when its next work is due at most this often: a deadline is
 * seconds away, and the question (a statement) must not compete with the send it follows.
 */
const DEADLINE_LOOK_MS = 50;

export class Scheduler {
  private readonly jobsWakeup = new Wakeup();
  private readonly deliveryWakeup = new Wakeup();
  /** New outbound calls were committed: the delivery loop claims at once. */
  private deliveryWanted = true;
  /** Job loops running a step now. */
  private busyJobLoops = 0;
  private running = false;
  private loops: Promise<void>[] = [];
  private listener: WorkListener | null = null;
  private stopWatchingSends: (() => void) | null = null;
  private deadlineLook: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: EngineContext,
    private readonly dispatcher: Dispatcher,
    private readonly databaseUrl: string,
  ) {}

  /** One round: every due job, expired deadlines, and due outbound calls (sent, not awaited). */
  async tick(): Promise<number> {
    let done = 0;
    for (let n = 1; n > 0 && done < MAX_JOBS_PER_TICK; done += n) n = await runDueJobs(this.ctx);
    done += await expireDeadlines(this.ctx);
    done += await this.claimOutbound();
    return done;
  }

  /** Runs until nothing is due at the clock's current time and every outbound call has settled. */
  async drain(): Promise<void> {
    for (;;) {
      const done = await this.tick();
      const wasBusy = this.dispatcher.busy;
      await this.dispatcher.idle();
      if (done === 0 && !wasBusy) return;
    }
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.listener = await listenForWork(
      this.databaseUrl,
      (payload) => this.wake(payload),
      (e) => this.ctx.log("warn", "listener connection lost", { error: String(e) }),
    );
    // A node this process sent (or a worker started) has a new deadline, perhaps before the delivery
    // loop's next look: it asks again. No NOTIFY says so; another process's sends are its own to watch.
    this.stopWatchingSends = this.ctx.events.on("transitions", (e) => {
      if (startsDeadline(e.statusType, e.to)) this.deadlinesMoved();
    });
    for (let i = 0; i < this.ctx.config.jobConcurrency; i++) this.loops.push(this.jobLoop());
    this.loops.push(this.deliveryLoop());
  }

  /** Stops taking work and waits for what is running (graceful shutdown). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopWatchingSends?.();
    this.stopWatchingSends = null;
    if (this.deadlineLook) clearTimeout(this.deadlineLook);
    this.deadlineLook = null;
    this.jobsWakeup.notify();
    this.deliveryWakeup.notify();
    await Promise.all(this.loops);
    this.loops = [];
    await this.dispatcher.idle();
    await this.listener?.close();
    this.listener = null;
  }

  /** One look at the next deadline for every node sent within DEADLINE_LOOK_MS. */
  private deadlinesMoved(): void {
    if (this.deadlineLook) return;
    this.deadlineLook = setTimeout(() => {
      this.deadlineLook = null;
      this.deliveryWakeup.notify();
    }, DEADLINE_LOOK_MS);
  }

  /** New jobs rouse one job loop; new calls the delivery loop; a wake without a payload (after a reconnect) every loop. */
  private wake(payload: string | undefined): void {
    if (payload === JOBS_WAKE) return this.jobsWakeup.notifyOne();
    this.deliveryWanted = true;
    this.deliveryWakeup.notify();
    if (payload !== OUTBOUND_WAKE) this.jobsWakeup.notify();
  }

  private async claimOutbound(): Promise<number> {
    const capacity = this.dispatcher.capacity;
    if (capacity === 0) return 0;
    const now = this.ctx.clock.now();
    const until = new Date(now.getTime() + this.ctx.config.leaseMs);
    const calls = await claimOutboundCalls(this.ctx.sql, this.ctx.owner, now, until, capacity);
    this.dispatcher.send(calls);
    return calls.length;
  }

  private async jobLoop(): Promise<void> {
    const wakeup = this.jobsWakeup;
    while (this.running) {
      const since = wakeup.current;
      try {
        const n = await this.runJobs();
        // A full batch: there may be more, which another loop can take meanwhile. A partial one was
        // everything due then; jobs added since came with a wake.
        if (n >= JOB_BATCH) {
          wakeup.notifyOne();
          continue;
        }
        // Woken meanwhile (new work was committed): look again at once, without asking when the next work is due.
        if (wakeup.current !== since) continue;
        await wakeup.wait(this.msUntilJob(await nextJobTime(this.ctx.sql)), since);
      } catch (error) {
        this.ctx.log("error", "scheduler step failed", { error: String(error) });
        await wakeup.wait(1000, since);
      }
    }
  }

  private async runJobs(): Promise<number> {
    this.busyJobLoops++;
    try {
      return await runDueJobs(this.ctx);
    } finally {
      this.busyJobLoops--;
    }
  }

  /**
   * A job that is due but was not claimable is held by another loop. One of this process looks
   * again when it is done, so this one need not; another engine's is looked at again shortly.
   */
  private msUntilJob(due: Date | null): number {
    const ms = this.msUntil(due);
    return ms <= MIN_IDLE_WAIT_MS && this.busyJobLoops > 0 ? this.ctx.config.safetySweepMs : ms;
  }

  /**
   * Sends due outbound calls and expires passed deadlines. A wake for new calls makes it look at
   * once; a node this process sent only makes it ask again when its next work is due (the node's
   * deadline may come first), a statement instead of a transaction.
   */
  private async deliveryLoop(): Promise<void> {
    const wakeup = this.deliveryWakeup;
    let dueAt = 0;
    while (this.running) {
      const since = wakeup.current;
      try {
        if (this.deliveryWanted || this.ctx.clock.now().getTime() >= dueAt) {
          this.deliveryWanted = false;
          if ((await expireDeadlines(this.ctx)) + (await this.claimOutbound()) > 0) continue;
        }
        if (wakeup.current !== since) continue;
        const next = await nextDeliveryTime(this.ctx.sql);
        dueAt = next?.getTime() ?? Number.POSITIVE_INFINITY;
        await wakeup.wait(this.msUntil(next), since);
      } catch (error) {
        this.ctx.log("error", "scheduler step failed", { error: String(error) });
        dueAt = 0;
        await wakeup.wait(1000, since);
      }
    }
  }

  private msUntil(due: Date | null): number {
    const sweep = this.ctx.config.safetySweepMs;
    if (!due) return sweep;
    return Math.min(sweep, Math.max(MIN_IDLE_WAIT_MS, due.getTime() - this.ctx.clock.now().getTime()));
  }
}

/** Transitions that set a node's client deadline (complete_by). */
function startsDeadline(statusType: "server" | "client", to: string): boolean {
  return statusType === "server" ? to === "sent_to_client" : to === "received" || to === "processing";
}
