// Pull delivery for a client without an activityEndpoint: subscribe to nodesToRun over graphql-ws
// and run each node through the same path as a pushed one (runNode). The server hands out at most
// `concurrency` + `prefetch` unfinished nodes per subscription; the worker runs at most `concurrency`
// handlers at once (a node whose handler returned frees its slot while its report is on its way).
import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { reconnectDelay, type BackoffOptions } from "./backoff.ts";
import type { BackbeatClient } from "./client.ts";
import { NodesToRunDocument, type NodesToRunSubscription } from "./generated/graphql.ts";
import type { JsonObject } from "./json.ts";
import { ReportBatcher } from "./report-batcher.ts";
import { reportOverWebSocket } from "./ws-reports.ts";
import { runNode, type Handler, type PushedNode } from "./run-node.ts";

export type PullWorkerOptions = {
  /** The server: http(s)://host:port[/graphql] or ws(s)://host:port/graphql. */
  url: string;
  token: string;
  /** Reports and children go through it (HTTP). */
  client: BackbeatClient;
  /** By node name (or, failing that, clientData.name). */
  handlers: Record<string, Handler>;
  /** Handlers run at once (1–100). Default 1. A handler's slot is free once it returns, before its report is answered. */
  concurrency?: number;
  /**
   * Nodes held in a local queue beyond those running (0–100), so the next one starts as soon as one
   * finishes instead of after a round trip to the server. Default: as many as `concurrency`. A
   * queued node is held for this worker like a running one (another worker gets it only if this
   * one disconnects): use 0 where a few long nodes should spread over many workers.
   */
  prefetch?: number;
  /** Connection failures, a subscription the server refused, reports refused. Default: console.error. */
  onError?: (error: unknown, node?: PushedNode) => void;
  /** Reconnect back-off: doubles from `initialDelayMs` up to `maxDelayMs` (defaults 1 s, 30 s), with jitter. */
  reconnect?: BackoffOptions;
  /** A WebSocket class. Default: the `ws` package. */
  webSocketImpl?: unknown;
  /** While a handler runs, heartbeat the node every this many ms (off by default). */
  heartbeatIntervalMs?: number;
  /** A handler still running after this many ms is reported PROCESSING; 0: before it runs (default 500). */
  processingAfterMs?: number;
  /** Told when the WebSocket connects (again) and when it is lost, e.g. for logs or a health check. */
  onConnectionChange?: (connected: boolean) => void;
};

export type PullWorker = {
  start: () => void;
  /** Takes no more nodes, waits for the running ones to report, then closes the connection. */
  stop: () => Promise<void>;
};

type PulledNode = NodesToRunSubscription["nodesToRun"];

/** The subscription's text, printed once (graphql-ws takes text). */
let subscriptionText: string | undefined;

/** 4403: the token was refused. Retrying cannot help, so the worker gives up and says so. */
const FORBIDDEN = 4403;

export function createPullWorker(options: PullWorkerOptions): PullWorker {
  const concurrency = options.concurrency ?? 1;
  const prefetch = options.prefetch ?? Math.min(concurrency, 100);
  const onError =
    options.onError ??
    ((error, node) => console.error(`backbeat pull worker${node ? `: node ${node.id} (${node.name})` : ""}`, error));
  let ws: Client | null = null;
  // Reports travel over the worker's WebSocket (no HTTP request, no new authentication each), many
  // per message; over HTTP while the socket is not there (e.g. stopping).
  const reports = new ReportBatcher((batch) =>
    ws ? reportOverWebSocket(ws, batch) : options.client.reportNodeStatuses(batch),
  );
  const run = {
    client: options.client,
    reports,
    handlers: options.handlers,
    onError,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    processingAfterMs: options.processingAfterMs,
  };
  // A node is running until its outcome is reported; its slot is free once its handler returns, so the
  // next node starts while the report is on its way (the server still counts the node as held).
  const running = new Map<string, Promise<void>>();
  let handlers = 0;
  const waiting: PushedNode[] = [];
  let unsubscribe: (() => void) | null = null;
  let stopping = false;

  const pump = () => {
    while (!stopping && handlers < concurrency && waiting.length > 0) {
      const node = waiting.shift()!;
      handlers++;
      let slotFree = false;
      const freeSlot = () => {
        if (slotFree) return;
        slotFree = true;
        handlers--;
        pump();
      };
      const kind = node.type === "decision" ? "decision" : "activity";
      const work = runNode(node, kind, { ...run, onHandlerDone: freeSlot }).finally(() => {
        running.delete(node.id);
        freeSlot();
      });
      running.set(node.id, work);
    }
  };

  const take = (node: PushedNode) => {
    // After a reconnect the server may hand back a node this worker is still running: run it once.
    if (running.has(node.id) || waiting.some((n) => n.id === node.id)) return;
    waiting.push(node);
    pump();
  };

  // Told once per change (graphql-ws reports every failed attempt while the server is away).
  let connected = false;
  const connectionIs = (now: boolean) => {
    if (now !== connected) options.onConnectionChange?.((connected = now));
  };

  // Consecutive subscriptions the server ended without handing out a node: the back-off grows with them.
  let endedInARow = 0;
  const resubscribe = (client: Client) => {
    const delay = reconnectDelay(endedInARow++, options.reconnect);
    setTimeout(() => !stopping && ws === client && subscribe(client), delay);
  };
  const subscribe = (client: Client) => {
    subscriptionText ??= print(NodesToRunDocument);
    unsubscribe = client.subscribe<NodesToRunSubscription>(
      { query: subscriptionText, variables: { concurrency, prefetch } },
      {
        next: (msg) => {
          if (msg.errors) onError(msg.errors);
          if (msg.data) {
            endedInARow = 0;
            take(toPushedNode(msg.data.nodesToRun));
          }
        },
        // Refused (a push client, a bad concurrency, the token): nothing will change on a retry. Any
        // other failure is the server's (its database away, a connection cut mid-statement): a worker
        // must not stay connected and pull nothing, so it asks again, with back-off.
        error: (error) => {
          if (stopping) return;
          onError(error);
          if (!isRefusal(error)) resubscribe(client);
        },
        // The server ended the subscription without being asked (e.g. shutting down): ask again, with back-off.
        complete: () => {
          if (!stopping) resubscribe(client);
        },
      },
    );
  };

  return {
    start: () => {
      if (ws) return;
      stopping = false;
      waiting.length = 0;
      ws = createClient({
        url: wsUrl(options.url),
        webSocketImpl: options.webSocketImpl ?? WebSocket,
        connectionParams: { authorization: `Bearer ${options.token}` },
        retryAttempts: Infinity,
        // Any lost or failed connection is retried (the default retries only close events), except a refused token.
        shouldRetry: (event) => (event as { code?: number }).code !== FORBIDDEN,
        on: { connected: () => connectionIs(true), closed: () => connectionIs(false) },
        retryWait: (retries) =>
          new Promise((resolve) => setTimeout(resolve, reconnectDelay(retries, options.reconnect))),
      });
      subscribe(ws);
    },
    stop: async () => {
      stopping = true;
      waiting.length = 0;
      // The subscription stays open until the running nodes have reported: ending it first would make
      // the server hand them to another worker at once, to run a second time.
      while (running.size > 0) await Promise.allSettled([...running.values()]);
      unsubscribe?.();
      unsubscribe = null;
      try {
        await ws?.dispose();
      } catch {
        // Disposed while (re)connecting: graphql-ws rejects with that attempt's close event; closed either way.
      }
      ws = null;
    },
  };
}

/** Codes that refuse the request itself: asking again cannot change the answer. */
const REFUSALS = new Set(["BAD_USER_INPUT", "UNAUTHENTICATED", "FORBIDDEN"]);

/**
 * GraphQL errors with a refusal's code, or the connection's own end (graphql-ws gives up on a
 * connection only when shouldRetry says so: the token was refused).
 */
function isRefusal(error: unknown): boolean {
  if (!Array.isArray(error)) return true;
  return error.some((e) => REFUSALS.has((e as { extensions?: { code?: unknown } } | null)?.extensions?.code as string));
}

// Field by field: a rest/spread copy of the message costs several times as much per node.
function toPushedNode(n: PulledNode): PushedNode {
  return {
    id: n.id,
    name: n.name,
    // JSON objects on every node (the schema's JSON scalar cannot say so).
    clientData: n.clientData as JsonObject,
    metadata: n.metadata as JsonObject,
    mode: n.mode.toLowerCase(),
    type: n.type.toLowerCase(),
    workflowId: n.workflowId,
    workflowName: n.workflow.name,
    parentId: n.parentId ?? null,
    clientId: n.clientId,
    subject: n.workflow.subject,
    decider: n.workflow.decider,
    currentServerStatus: n.serverStatus.toLowerCase(),
    currentClientStatus: n.clientStatus.toLowerCase(),
    firesAt: n.firesAt,
    completeBy: n.completeBy ?? null,
    retriesRemaining: n.retriesRemaining,
    attempt: n.attempt,
    createdAt: n.createdAt,
    traceparent: n.traceparent,
  };
}

/** http://h:p → ws://h:p/graphql; a ws(s) url or one with a path is kept as it is (bar the scheme). */
export function wsUrl(url: string): string {
  const u = new URL(url);
  u.protocol = u.protocol.replace(/^http/, "ws");
  if (u.pathname === "/") u.pathname = "/graphql";
  return u.toString();
}
