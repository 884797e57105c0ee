// Async iterators for subscriptions, written as plain objects on purpose: an async generator's
// return() waits until the generator reaches its next yield, so an unsubscribe while it awaits the
// next event would be held until that event comes (maybe never), keeping the subscriber's queue,
// LISTEN connection and polling alive. These pass return() straight to their sources.

const DONE = { value: undefined, done: true } as const;

export function mapIterator<A, B>(source: AsyncIterableIterator<A>, fn: (a: A) => B): AsyncIterableIterator<B> {
  return {
    async next() {
      const r = await source.next();
      return r.done ? DONE : { value: fn(r.value), done: false };
    },
    async return() {
      await source.return?.();
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** `first` to its end, then `second`; return() ends both. */
export function concatIterators<T>(
  first: AsyncIterableIterator<T>,
  second: AsyncIterableIterator<T>,
): AsyncIterableIterator<T> {
  let current: AsyncIterableIterator<T> | null = first;
  return {
    async next() {
      if (current === first) {
        const r = await first.next();
        if (!r.done) return r;
        current = second;
      }
      return current === second ? second.next() : DONE;
    },
    async return() {
      current = null;
      // The replay may be in the middle of a page read: end the live queue first, without waiting.
      await Promise.all([second.return?.(), first.return?.()]);
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
