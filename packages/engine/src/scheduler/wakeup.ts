// Sleep until a deadline or until woken (by NOTIFY). A wake that arrives while the sleeper was
// busy is not lost: `since` makes wait() return at once if anything happened after it.
export class Wakeup {
  private generation = 0;
  private readonly waiters = new Set<() => void>();

  get current(): number {
    return this.generation;
  }

  notify(): void {
    this.generation++;
    for (const w of [...this.waiters]) w();
  }

  wait(ms: number, since: number): Promise<void> {
    if (this.generation !== since || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(ms, 2 ** 31 - 1));
      this.waiters.add(done);
    });
  }
}
