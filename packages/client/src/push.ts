// Push delivery for Node's http (or express, mounted before any body parser): verify the signature,
// answer 200 at once, then run the node and report its outcome. Answering first keeps the server's
// HTTP call short; a crash after the 200 is covered by the node's deadline (the server retries).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { BackbeatClient } from "./client.ts";
import { SIGNATURE_HEADER, verifySignature } from "./signature.ts";
import type { ChildInput, Json, JsonObject, Node, NodeOptions } from "./types.ts";

/** A node as the server pushes it (statuses, mode and type are the stored lower-case names). */
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
  /** "decision" when it came as {"decision": …}, else "activity". */
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

export type Notification = {
  node: PushedNode;
  notification: { name: string; message: string };
  error: JsonObject;
  client: BackbeatClient;
  /** Marks the node RESOLVED / SHUTDOWN, e.g. once a person has dealt with it. */
  resolve: (response?: JsonObject) => Promise<Node>;
  shutdown: (response?: JsonObject) => Promise<Node>;
};

export type PushHandlerOptions = {
  client: BackbeatClient;
  signingSecret: string;
  /** By node name (or, failing that, clientData.name). */
  handlers: Record<string, Handler>;
  /** Notifications ("Client Error" when retries are exhausted, "Server Error"). */
  rescue?: (notification: Notification) => unknown;
  /** Failures after the 200 (a report refused, a rescue handler throwing). Default: console.error. */
  onError?: (error: unknown, node: PushedNode) => void;
  /** Bodies over this are refused with 413. Default 16 MiB. */
  maxBodyBytes?: number;
};

export type PushHandler = ((req: IncomingMessage, res: ServerResponse) => void) & {
  /** Resolves once every node taken so far has finished and reported (for tests and graceful shutdown). */
  idle: () => Promise<void>;
};

const STACK_LINES = 5;

export function createPushHandler(options: PushHandlerOptions): PushHandler {
  const { client, signingSecret, handlers } = options;
  const onError =
    options.onError ?? ((error, node) => console.error(`backbeat: node ${node.id} (${node.name})`, error));
  const maxBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const running = new Set<Promise<void>>();

  const track = (work: Promise<void>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  const run = async (node: PushedNode, kind: HandlerContext["kind"]) => {
    const alias = node.clientData?.name;
    const handler = handlers[node.name] ?? (typeof alias === "string" ? handlers[alias] : undefined);
    try {
      await client.reportNodeStatus(node.id, "PROCESSING");
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
  };

  const rescue = async (body: {
    activity: PushedNode;
    notification: Notification["notification"];
    error: JsonObject;
  }) => {
    const node = body.activity;
    try {
      await options.rescue?.({
        node,
        notification: body.notification,
        error: body.error ?? {},
        client,
        resolve: (response) => client.reportNodeStatus(node.id, "RESOLVED", response),
        shutdown: (response) => client.reportNodeStatus(node.id, "SHUTDOWN", response),
      });
    } catch (error) {
      onError(error, node);
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    void readBody(req, maxBytes).then(
      (raw) => {
        if (raw === null) return void res.writeHead(413).end();
        if (!verifySignature(raw, req.headers[SIGNATURE_HEADER], signingSecret)) return void res.writeHead(401).end();
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
        } catch {
          return void res.writeHead(400).end();
        }
        res.writeHead(200).end();
        if ("notification" in body) track(rescue(body as Parameters<typeof rescue>[0]));
        else if (body.decision) track(run(body.decision as PushedNode, "decision"));
        else if (body.activity) track(run(body.activity as PushedNode, "activity"));
      },
      () => void res.writeHead(400).end(),
    );
  };

  return Object.assign(handle, {
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  });
}

/** What the server stores as the ERRORED report's response: enough to debug, never the whole stack. */
function errorReport(error: unknown): JsonObject {
  if (!(error instanceof Error)) return { message: String(error), name: "Error", stack: "" };
  const stack = (error.stack ?? "").split("\n").slice(0, STACK_LINES).join("\n");
  return { message: error.message, name: error.name, stack };
}

/** The exact bytes (the signature covers them); null when over the limit. */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
