// Counts open GraphQL subscriptions for the backbeat_open_subscriptions gauge, from graphql-ws's
// onOperation hook: the subscription's stream is wrapped so that the count goes up when it starts
// and down exactly once when it ends, however it ends (client complete, socket closed, error).
import type { Gauge } from "prom-client";
import { getOperationAST, Kind, type ExecutionArgs, type SelectionSetNode } from "graphql";

type Stream = AsyncIterable<unknown> & Partial<AsyncIterator<unknown>>;

export function countSubscriptions(gauge: Gauge<"subscription">) {
  return (args: ExecutionArgs, result: unknown): AsyncGenerator<unknown> | undefined => {
    if (result === null || typeof result !== "object" || !(Symbol.asyncIterator in result)) return undefined;
    const name = rootField(args) ?? "unknown";
    return tracked(
      result as Stream,
      () => gauge.inc({ subscription: name }),
      () => gauge.dec({ subscription: name }),
    );
  };
}

/** The subscription's root field (there is exactly one), through fragments if needed. */
function rootField(args: ExecutionArgs): string | undefined {
  const op = getOperationAST(args.document, args.operationName);
  const find = (set: SelectionSetNode | undefined): string | undefined => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) return s.name.value;
      if (s.kind === Kind.INLINE_FRAGMENT) return find(s.selectionSet);
      const def = args.document.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value,
      );
      if (def?.kind === Kind.FRAGMENT_DEFINITION) return find(def.selectionSet);
    }
    return undefined;
  };
  return find(op?.selectionSet);
}

/**
 * Not an `async function*`: graphql-ws calls return() on a stream it no longer wants, possibly
 * before the first next(), and a generator that never started would not pass return() on to the
 * source (which would then never release its subscriber).
 */
function tracked(source: Stream, open: () => void, close: () => void): AsyncGenerator<unknown> {
  const it = source[Symbol.asyncIterator]();
  let state: "new" | "open" | "closed" = "new";
  const end = () => {
    if (state === "open") close();
    state = "closed";
  };
  const wrapper: AsyncGenerator<unknown> = {
    next: async () => {
      if (state === "new") {
        state = "open";
        open();
      }
      try {
        const r = await it.next();
        if (r.done) end();
        return r;
      } catch (error) {
        end();
        throw error;
      }
    },
    return: async (value?: unknown) => {
      end();
      return (await it.return?.(value)) ?? { done: true, value };
    },
    throw: async (error?: unknown) => {
      end();
      if (it.throw) return it.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]: () => wrapper,
  };
  return wrapper;
}
