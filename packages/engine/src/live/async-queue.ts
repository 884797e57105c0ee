// A push-to-pull bridge: events pushed in, consumed with `for await`. Bounded: a subscriber that
// falls too far behind is ended with an error (it can resume from its last id with `after`).
import { ConflictError } from "@backbeat/core";

export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  private items: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | null = null;
  private failed: Error | null = null;
  private done = false;

  constructor(
    private readonly max: number,
    private readonly onClose: () => void = () => {},
  ) {}

  push(item: T): void {
    if (this.done || this.failed) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w({ value: item, done: false });
    } else if (this.items.length >= this.max) {
      this.failed = new ConflictError(`Subscriber fell more than ${this.max} events behind: resubscribe with after`);
    } else {
      this.items.push(item);
    }
  }

  async next(): Promise<IteratorResult<T>> {
    const item = this.items.shift();
    if (item !== undefined) return { value: item, done: false };
    if (this.failed) throw this.failed;
    if (this.done) return { value: undefined, done: true };
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async return(): Promise<IteratorResult<T>> {
    this.close();
    return { value: undefined, done: true };
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    this.items = [];
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
    this.onClose();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
