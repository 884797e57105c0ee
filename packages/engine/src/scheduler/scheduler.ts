// The engine's loop. All scheduled work lives in PostgreSQL; this only finds what is due and runs
// it. Tests drive it step by step with tick()/drain() and a manual clock; servers call start().
import { claimOutboundCalls, listenForWork, nextDueTime, type WorkListener } from "@backbeat/db";
import type { EngineContext } from "../context.ts";
import type { Dispatcher } from "../delivery/dispatcher.ts";
import { expireDeadlines } from "./expire-deadlines.ts";
import { runDueJobs } from "./job-worker.ts";
import { Wakeup } from "./wakeup.ts";

const MAX_JOBS_PER_TICK = 10_000;
const MIN_IDLE_WAIT_MS = 25;

export class Scheduler {
  private readonly wakeup = new Wakeup();
  private running = false;
  private loops: Promise<void>[] = [];
  private listener: WorkListener | null = null;

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
      () => this.wakeup.notify(),
      (e) => this.ctx.log("warn", "listener connection lost", { error: String(e) }),
    );
    for (let i = 0; i < this.ctx.config.jobConcurrency; i++) this.loops.push(this.loop(() => runDueJobs(this.ctx)));
    this.loops.push(this.loop(async () => (await expireDeadlines(this.ctx)) + (await this.claimOutbound())));
  }

  /** Stops taking work and waits for what is running (graceful shutdown). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeup.notify();
    await Promise.all(this.loops);
    this.loops = [];
    await this.dispatcher.idle();
    await this.listener?.close();
    this.listener = null;
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

  private async loop(step: () => Promise<number>): Promise<void> {
    while (this.running) {
      const since = this.wakeup.current;
      try {
        if ((await step()) > 0) continue;
        // Woken meanwhile (new work was committed): look again at once, without asking when the next work is due.
        if (this.wakeup.current !== since) continue;
        await this.wakeup.wait(await this.msUntilDue(), since);
      } catch (error) {
        this.ctx.log("error", "scheduler step failed", { error: String(error) });
        await this.wakeup.wait(1000, since);
      }
    }
  }

  private async msUntilDue(): Promise<number> {
    const due = await nextDueTime(this.ctx.sql);
    const sweep = this.ctx.config.safetySweepMs;
    if (!due) return sweep;
    // Due but not claimable means another engine holds it: look again shortly, without spinning.
    return Math.min(sweep, Math.max(MIN_IDLE_WAIT_MS, due.getTime() - this.ctx.clock.now().getTime()));
  }
}
