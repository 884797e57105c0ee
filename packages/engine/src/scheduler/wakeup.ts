// Sleep until a deadline or until woken (by NOTIFY). A wake that arrives while the sleeper was
// busy is not lost: `since` makes wait() return at once if anything happened after it.
export class Wakeup {
  private generation = 0;
  private readonly waiters: (() => void)[] = [];

  get current(): number {
    return this.generation;
  }

  /** Wakes every sleeper. */
  notify(): void {
    this.generation++;
    for (const w of this.waiters.splice(0)) w();
  }

  /**
   * Wakes the sleeper that has slept longest, only it: one new job needs one loop to look, not all
   * of them (each look is a query). Sleepers that are busy see the change when they next wait.
   */
  notifyOne(): void {
    this.generation++;
    this.waiters.shift()?.();
  }

  wait(ms: number, since: number): Promise<void> {
    if (this.generation !== since || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        const i = this.waiters.indexOf(done);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve();
      };
      const timer = setTimeout(done, Math.min(ms, 2 ** 31 - 1));
      this.waiters.push(done);
    });
  }
}
