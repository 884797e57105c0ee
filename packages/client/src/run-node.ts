// The one execution path for a node, however it arrived (pushed over HTTP or pulled over
// WebSocket): run the handler named like the node (reporting PROCESSING if it takes a while), then
// report COMPLETED with { result } or, if it throws, ERRORED with { error } (the server retries).
import type { Context } from "@opentelemetry/api";
import type { BackbeatClient } from "./client.ts";
import { ConflictError } from "./errors.ts";
import type { ReportBatcher } from "./report-batcher.ts";
import { activeTraceparent, inHandlerSpan, traceContextOf } from "./tracing.ts";
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
  /** The trace the node belongs to (pulled nodes; a pushed one's comes as the delivery's header). */
  traceparent?: string | null;
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
  /** Where the node's reports go (batched with the other nodes' reports of this worker). */
  reports: ReportBatcher;
  /** By node name (or, failing that, clientData.name). */
  handlers: Record<string, Handler>;
  /** A report the server refused, or a node with no handler. */
  onError: (error: unknown, node: PushedNode) => void;
  /** While a handler runs, heartbeat every this many ms (off when absent or 0). */
  heartbeatIntervalMs?: number;
  /**
   * A handler still running after this many ms is reported PROCESSING (which restarts its deadline); a
   * quicker one goes from RECEIVED straight to COMPLETED, one report instead of two. 0: PROCESSING first,
   * before the handler runs. Default 500.
   */
  processingAfterMs?: number;
  /** Called once the handler has returned or thrown, before its outcome is reported (a pull worker's slot is free then). */
  onHandlerDone?: () => void;
};

export const DEFAULT_PROCESSING_AFTER_MS = 500;
const STACK_LINES = 5;

/** `trace`: the context the handler's span continues (a push delivery's traceparent), else the node's trace. */
export function runNode(node: PushedNode, kind: HandlerContext["kind"], options: RunOptions, trace?: Context) {
  return inHandlerSpan(node, trace ?? traceContextOf(node.traceparent), () => runHandler(node, kind, options));
}

async function runHandler(node: PushedNode, kind: HandlerContext["kind"], options: RunOptions): Promise<void> {
  const { client, handlers, onError, heartbeatIntervalMs } = options;
  const processingAfterMs = options.processingAfterMs ?? DEFAULT_PROCESSING_AFTER_MS;
  // A report of this run refused as a CONFLICT: the node is no longer this run's to settle (e.g. its
  // deadline passed and it is retrying, maybe re-sent already), so it must not be reported ERRORED:
  // that could fail the next attempt.
  let refused: ConflictError | null = null;
  // Read through a function: TypeScript cannot see the assignment in the report callback.
  const refusedSoFar = (): ConflictError | null => refused;
  const report = (status: NodeStatusReport, response?: JsonObject) =>
    options.reports
      .report({ nodeId: node.id, status, response, attempt: node.attempt, traceparent: activeTraceparent() })
      .catch((error: unknown) => {
        if (error instanceof ConflictError) refused = error;
        throw error;
      });
  const alias = node.clientData?.name;
  const handler = handlers[node.name] ?? (typeof alias === "string" ? handlers[alias] : undefined);
  // A pulled node handed over from a worker that went away mid-node is PROCESSING already, and
  // reporting it again is not needed: report the outcome directly.
  const announce = node.currentClientStatus !== "processing";
  let processing: Promise<void> | undefined;
  let announcer: NodeJS.Timeout | undefined;
  try {
    if (!handler) throw new Error(`no handler for node "${node.name}"`);
    if (announce && processingAfterMs === 0) await report("PROCESSING");
    else if (announce)
      announcer = setTimeout(() => {
        processing = report("PROCESSING").catch((e: unknown) => {
          if (!(e instanceof ConflictError)) onError(e, node);
        });
      }, processingAfterMs);
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
      options.onHandlerDone?.();
      clearInterval(beat);
      clearTimeout(announcer);
      // PROCESSING, if it went out, is settled before the outcome, so the two never cross.
      await processing;
    }
    // The PROCESSING report was refused: the node is no longer this run's (see above).
    const refusal = refusedSoFar();
    if (refusal) throw refusal;
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

/** What the server stores as the ERRORED report's response: enough to debug, never the whole stack. */
function errorReport(error: unknown): JsonObject {
  if (!(error instanceof Error)) return { message: String(error), name: "Error", stack: "" };
  const stack = (error.stack ?? "").split("\n").slice(0, STACK_LINES).join("\n");
  return { message: error.message, name: error.name, stack };
}
