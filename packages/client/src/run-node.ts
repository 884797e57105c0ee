// The one execution path for a node, however it arrived (pushed over HTTP or pulled over
// WebSocket): report PROCESSING, run the handler named like the node, then report COMPLETED with
// { result } or, if it throws, ERRORED with { error } (the server retries).
import { setTimeout as sleep } from "node:timers/promises";
import { reconnectDelay } from "./backoff.ts";
import type { BackbeatClient } from "./client.ts";
import { BackbeatError, ConflictError } from "./errors.ts";
import type { ChildInput, Json, JsonObject, Node, NodeOptions, NodeStatusReport } from "./types.ts";

/** A node as the server hands it to a client (statuses, mode and type are the stored lower-case names). */
export type PushedNode = {
  id: string;
  name: string;
  mode: string;
  type: string;
  workflowId: string;
  workflowName: string;
  parentId: string | null;
  clientId: string;
  clientData: JsonObject;
  metadata: JsonObject;
  subject: Json;
  decider: string;
  currentServerStatus: string;
  currentClientStatus: string;
  firesAt: string;
  completeBy: string | null;
  retriesRemaining: number;
  attempt: number;
  createdAt: string;
};

export type HandlerContext = {
  node: PushedNode;
  /** Pushed: "decision" when it came as {"decision": …}. Pulled: "decision" for a decision node. Else "activity". */
  kind: "activity" | "decision";
  client: BackbeatClient;
  /** Adds children now; they start once this handler returns (the node reports COMPLETED). */
  addChildren: (children: ChildInput[]) => Promise<Node[]>;
  blocking: (name: string, options?: NodeOptions) => Promise<Node>;
  nonBlocking: (name: string, options?: NodeOptions) => Promise<Node>;
  fireAndForget: (name: string, options?: NodeOptions) => Promise<Node>;
  /** Still working: the node's deadline (completeBy) starts again from now (heartbeatNode). */
  heartbeat: () => Promise<Node>;
};

/** Returns the result (sent as `{ result }`), or throws (ERRORED: the server retries). */
export type Handler = (ctx: HandlerContext) => unknown;

export type RunOptions = {
  client: BackbeatClient;
  /** By node name (or, failing that, clientData.name). */
  handlers: Record<string, Handler>;
  /** A report the server refused, or a node with no handler. */
  onError: (error: unknown, node: PushedNode) => void;
  /** While a handler runs, heartbeat every this many ms (off when absent or 0). */
  heartbeatIntervalMs?: number;
};

const STACK_LINES = 5;
/** How long a report is retried while the server cannot be reached (e.g. it is restarting). */
const REPORT_PATIENCE_MS = 120_000;

export async function runNode(node: PushedNode, kind: HandlerContext["kind"], options: RunOptions): Promise<void> {
  const { client, handlers, onError, heartbeatIntervalMs } = options;
  // A report of this run refused as a CONFLICT: the node is no longer this run's to settle (e.g. its
  // deadline passed and it is retrying, maybe re-sent already), so it must not be reported ERRORED:
  // that could fail the next attempt.
  let refused: unknown = null;
  const report = (status: NodeStatusReport, response?: JsonObject) =>
    reportPersistently(client, node, status, response).catch((error: unknown) => {
      if (error instanceof ConflictError) refused = error;
      throw error;
    });
  const alias = node.clientData?.name;
  const handler = handlers[node.name] ?? (typeof alias === "string" ? handlers[alias] : undefined);
  try {
    // A pulled node handed over from a worker that went away mid-node is PROCESSING already, and
    // reporting it again would be refused: report the outcome directly.
    if (node.currentClientStatus !== "processing") await report("PROCESSING");
    if (!handler) throw new Error(`no handler for node "${node.name}"`);
    // The n-th addChildren of this run of the handler has the same key in every run of the same attempt
    // (a node handed over from a worker that died mid-handler): a re-run adds no children twice.
    let calls = 0;
    const addChildren = (children: ChildInput[]) =>
      client.addChildren(node.id, children, node.attempt, `${node.id}:${node.attempt}:${calls++}`);
    const child =
      (mode: ChildInput["mode"]) =>
      async (name: string, opts: NodeOptions = {}) =>
        (await addChildren([{ ...opts, name, mode }]))[0]!;
    const heartbeat = () => client.heartbeatNode(node.id, node.attempt);
    // Automatic heartbeats for long handlers; a failed one is reported, the handler keeps running.
    const beat = heartbeatIntervalMs
      ? setInterval(() => void heartbeat().catch((e: unknown) => onError(e, node)), heartbeatIntervalMs)
      : undefined;
    let result: Json | undefined;
    try {
      result = (await handler({
        node,
        kind,
        client,
        addChildren,
        blocking: child("BLOCKING"),
        nonBlocking: child("NON_BLOCKING"),
        fireAndForget: child("FIRE_AND_FORGET"),
        heartbeat,
      })) as Json | undefined;
    } finally {
      clearInterval(beat);
    }
    await report("COMPLETED", { result: result ?? null });
  } catch (error) {
    if (error === refused) {
      onError(error, node);
      return;
    }
    await report("ERRORED", { error: errorReport(error) }).catch((e: unknown) => onError(e, node));
    if (!handler) onError(error, node);
  }
}

/**
 * A report that could not reach the server is tried again with back-off; any answer of the server is final.
 * It names the attempt it is about, so it can never settle a later attempt of the node.
 */
async function reportPersistently(
  client: BackbeatClient,
  node: PushedNode,
  status: NodeStatusReport,
  response?: JsonObject,
): Promise<Node> {
  const giveUpAt = Date.now() + REPORT_PATIENCE_MS;
  for (let retries = 0; ; retries++) {
    try {
      return await client.reportNodeStatus(node.id, status, response, node.attempt);
    } catch (error) {
      const unreachable = error instanceof BackbeatError && error.code === "NETWORK_ERROR";
      if (!unreachable || Date.now() > giveUpAt) throw error;
      await sleep(reconnectDelay(retries, { initialDelayMs: 200, maxDelayMs: 5000 }));
    }
  }
}

/** What the server stores as the ERRORED report's response: enough to debug, never the whole stack. */
function errorReport(error: unknown): JsonObject {
  if (!(error instanceof Error)) return { message: String(error), name: "Error", stack: "" };
  const stack = (error.stack ?? "").split("\n").slice(0, STACK_LINES).join("\n");
  return { message: error.message, name: error.name, stack };
}
