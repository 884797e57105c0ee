// The one execution path for a node, however it arrived (pushed over HTTP or pulled over
// WebSocket): report PROCESSING, run the handler named like the node, then report COMPLETED with
// { result } or, if it throws, ERRORED with { error } (the server retries).
import type { BackbeatClient } from "./client.ts";
import type { ChildInput, Json, JsonObject, Node, NodeOptions } from "./types.ts";

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
};

/** Returns the result (sent as `{ result }`), or throws (ERRORED: the server retries). */
export type Handler = (ctx: HandlerContext) => unknown;

export type RunOptions = {
  client: BackbeatClient;
  /** By node name (or, failing that, clientData.name). */
  handlers: Record<string, Handler>;
  /** A report the server refused, or a node with no handler. */
  onError: (error: unknown, node: PushedNode) => void;
};

const STACK_LINES = 5;

export async function runNode(node: PushedNode, kind: HandlerContext["kind"], options: RunOptions): Promise<void> {
  const { client, handlers, onError } = options;
  const alias = node.clientData?.name;
  const handler = handlers[node.name] ?? (typeof alias === "string" ? handlers[alias] : undefined);
  try {
    // A pulled node handed over from a worker that went away mid-node is PROCESSING already, and
    // reporting it again would be refused: report the outcome directly.
    if (node.currentClientStatus !== "processing") await client.reportNodeStatus(node.id, "PROCESSING");
    if (!handler) throw new Error(`no handler for node "${node.name}"`);
    const child =
      (mode: ChildInput["mode"]) =>
      async (name: string, opts: NodeOptions = {}) =>
        (await client.addChildren(node.id, [{ ...opts, name, mode }]))[0]!;
    const result = (await handler({
      node,
      kind,
      client,
      addChildren: (children) => client.addChildren(node.id, children),
      blocking: child("BLOCKING"),
      nonBlocking: child("NON_BLOCKING"),
      fireAndForget: child("FIRE_AND_FORGET"),
    })) as Json | undefined;
    await client.reportNodeStatus(node.id, "COMPLETED", { result: result ?? null });
  } catch (error) {
    await client.reportNodeStatus(node.id, "ERRORED", { error: errorReport(error) }).catch((e) => onError(e, node));
    if (!handler) onError(error, node);
  }
}

/** What the server stores as the ERRORED report's response: enough to debug, never the whole stack. */
function errorReport(error: unknown): JsonObject {
  if (!(error instanceof Error)) return { message: String(error), name: "Error", stack: "" };
  const stack = (error.stack ?? "").split("\n").slice(0, STACK_LINES).join("\n");
  return { message: error.message, name: error.name, stack };
}
