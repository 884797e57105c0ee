// A GraphQL client for the multi-process tests: HTTP requests, and graphql-ws subscriptions whose
// events are collected into arrays, with bounded waits.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers are arbitrary JSON
export type Json = Record<string, any>;

/** POST /graphql; throws on any GraphQL error (the message names the code), returns `data`. */
export async function gql(url: string, token: string, query: string, variables?: Json): Promise<Json> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Json;
  if (body.errors?.length) {
    const e = body.errors[0] as { message: string; extensions?: { code?: string } };
    const code = e.extensions?.code ?? "UNKNOWN";
    throw Object.assign(new Error(`${code}: ${e.message}`), { code });
  }
  return body.data as Json;
}

export function wsClient(httpUrl: string, token: string): Client {
  return createClient({
    url: httpUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
  });
}

export type Subscription = {
  events: Json[];
  errors: unknown[];
  /** Resolves once at least `n` events arrived; rejects after `ms`. */
  waitFor: (n: number, ms?: number) => Promise<void>;
  stop: () => void;
};

export function subscribe(client: Client, query: string, variables?: Json, onEvent?: (e: Json) => void) {
  const events: Json[] = [];
  const errors: unknown[] = [];
  let waiters: { n: number; resolve: () => void }[] = [];
  const wake = () => (waiters = waiters.filter((w) => (events.length >= w.n ? (w.resolve(), false) : true)));
  const stop = client.subscribe<Json>(
    { query, variables },
    {
      next: (msg) => {
        if (msg.errors) errors.push(...msg.errors);
        if (msg.data) {
          events.push(msg.data);
          onEvent?.(msg.data);
        }
        wake();
      },
      error: (e) => errors.push(e),
      complete: () => {},
    },
  );
  const waitFor = (n: number, ms = 15_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${n} events, got ${events.length}`)), ms);
      waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      wake();
    });
  return { events, errors, waitFor, stop } satisfies Subscription;
}
