// Push delivery for Node's http (or express, mounted before any body parser): verify the signature,
// answer 200 at once, then run the node and report its outcome. Answering first keeps the server's
// HTTP call short; a crash after the 200 is covered by the node's deadline (the server retries).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { BackbeatClient } from "./client.ts";
import { SIGNATURE_HEADER, verifySignature } from "./signature.ts";
import { runNode, type Handler, type HandlerContext, type PushedNode } from "./run-node.ts";
import type { JsonObject, Node } from "./types.ts";

export type { Handler, HandlerContext, PushedNode } from "./run-node.ts";

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

  const run = (node: PushedNode, kind: HandlerContext["kind"]) => runNode(node, kind, { client, handlers, onError });

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
