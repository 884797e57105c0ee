// A graphql-ws client for tests: subscriptions collected into arrays, with helpers to wait for them.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import type { Json } from "./support.ts";

export type Subscription = {
  /** `data` of every `next` message, in arrival order. */
  events: Json[];
  errors: Json[];
  /** Resolves when the server completes the subscription or sends an error. */
  ended: Promise<void>;
  /** Resolves once at least `n` events arrived (rejects after `ms`). */
  waitFor: (n: number, ms?: number) => Promise<void>;
  stop: () => void;
};

export function wsClient(httpUrl: string, token: string | null, onClosed?: (code: number) => void): Client {
  return createClient({
    url: httpUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: token === null ? {} : { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
    on: { closed: (event) => onClosed?.((event as { code: number }).code) },
  });
}

export function subscribe(client: Client, query: string, variables?: Json): Subscription {
  const events: Json[] = [];
  const errors: Json[] = [];
  let waiters: { n: number; resolve: () => void }[] = [];
  let end: () => void = () => {};
  const ended = new Promise<void>((resolve) => (end = resolve));
  const wake = () => {
    waiters = waiters.filter((w) => (events.length >= w.n ? (w.resolve(), false) : true));
  };
  const stop = client.subscribe<Json>(
    { query, variables },
    {
      next: (msg) => {
        if (msg.errors) errors.push(...(msg.errors as unknown as Json[]));
        if (msg.data) events.push(msg.data);
        wake();
      },
      error: (e) => {
        errors.push(Array.isArray(e) ? (e as Json[])[0]! : { message: String((e as Error).message ?? e) });
        end();
      },
      complete: () => end(),
    },
  );
  return {
    events,
    errors,
    ended,
    stop,
    waitFor: (n, ms = 5000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${n} events, got ${events.length}`)), ms);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        wake();
      }),
  };
}
