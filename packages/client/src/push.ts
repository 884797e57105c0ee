// Push delivery for Node's http (or express, mounted before any body parser): verify the signature,
// answer 200 at once, then run the node and report its outcome. Answering first keeps the server's
// HTTP call short; a crash after the 200 is covered by the node's deadline (the server retries).
// Notifications ({notification: …} bodies) go to rescue handlers, which may resolve or shut down the node.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Context } from "@opentelemetry/api";
import type { BackbeatClient } from "./client.ts";
import type { JsonObject } from "./json.ts";
import { ReportBatcher } from "./report-batcher.ts";
import { runNode, type Handler, type HandlerContext, type PushedNode } from "./run-node.ts";
import { SIGNATURE_HEADER, verifySignature } from "./signature.ts";
import { traceContextFrom } from "./tracing.ts";
import type { Node } from "./types.ts";

export type { Handler, PushedNode } from "./run-node.ts";

/** What a rescue handler gets: the node, the notification and the error the server attached. */
export type Notification = {
  node: PushedNode;
  /** name: the node's name; message: "Client Error" (retries exhausted) or "Server Error". */
  notification: { name: string; message: string };
  error: JsonObject;
  client: BackbeatClient;
  /** Marks the node RESOLVED (its children start, as if it had completed), e.g. once a person dealt with it. */
  resolve: (response?: JsonObject) => Promise<Node>;
  /** Marks the node SHUTDOWN (a blocking node also deactivates its later siblings). */
  shutdown: (response?: JsonObject) => Promise<Node>;
};

export type RescueHandler = (notification: Notification) => unknown;

export type PushHandlerOptions = {
  client: BackbeatClient;
  signingSecret: string;
  /** By node name (or, failing that, clientData.name). */
  handlers: Record<string, Handler>;
  /**
   * Notifications ("Client Error" when retries are exhausted, "Server Error"): one function for all,
   * or rescue handlers by node name (or clientData.name; "*" catches the rest).
   */
  rescue?: RescueHandler | Record<string, RescueHandler>;
  /** Failures after the 200 (a report refused, a rescue handler throwing). Default: console.error. */
  onError?: (error: unknown, node: PushedNode) => void;
  /** Bodies over this are refused with 413. Default 16 MiB. */
  maxBodyBytes?: number;
  /** While a handler runs, heartbeat the node every this many ms (off by default). */
  heartbeatIntervalMs?: number;
  /** A handler still running after this many ms is reported PROCESSING; 0: before it runs (default 500). */
  processingAfterMs?: number;
};

export type PushHandler = ((req: IncomingMessage, res: ServerResponse) => void) & {
  /** Resolves once every node taken so far has finished and reported (for tests and graceful shutdown). */
  idle: () => Promise<void>;
  /**
   * Graceful shutdown: from now on every delivery is answered 503 (the server delivers it again
   * later), and this resolves once the nodes already taken have finished and reported.
   */
  close: () => Promise<void>;
};

type PushBody = {
  activity?: PushedNode;
  decision?: PushedNode;
  notification?: Notification["notification"];
  error?: JsonObject;
};

export function createPushHandler(options: PushHandlerOptions): PushHandler {
  const { client, signingSecret, handlers } = options;
  const onError =
    options.onError ?? ((error, node) => console.error(`backbeat: node ${node.id} (${node.name})`, error));
  const maxBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const running = new Set<Promise<void>>();
  let closing = false;

  const track = (work: Promise<void>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  // Reports of the nodes this endpoint runs at once share calls (see report-batcher.ts).
  const reports = new ReportBatcher((batch) => client.reportNodeStatuses(batch));
  const run = (node: PushedNode, kind: HandlerContext["kind"], trace: Context) =>
    runNode(
      node,
      kind,
      {
        client,
        reports,
        handlers,
        onError,
        heartbeatIntervalMs: options.heartbeatIntervalMs,
        processingAfterMs: options.processingAfterMs,
      },
      trace,
    );

  const rescue = async (node: PushedNode, body: PushBody) => {
    try {
      const handler = rescueHandlerFor(options.rescue, node);
      if (!handler) {
        if (options.rescue) onError(new Error(`no rescue handler for node "${node.name}"`), node);
        return;
      }
      await handler({
        node,
        notification: body.notification!,
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
    if (closing) {
      req.resume();
      return void res.writeHead(503, { "retry-after": "5" }).end();
    }
    void readBody(req, maxBytes).then(
      (raw) => {
        if (raw === null) return void res.writeHead(413).end();
        if (!verifySignature(raw, req.headers[SIGNATURE_HEADER], signingSecret)) return void res.writeHead(401).end();
        // Closed while the body was arriving: not taken.
        if (closing) return void res.writeHead(503, { "retry-after": "5" }).end();
        let body: PushBody;
        try {
          body = JSON.parse(raw.toString("utf8")) as PushBody;
        } catch {
          return void res.writeHead(400).end();
        }
        const node = body.decision ?? body.activity;
        if (!node) return void res.writeHead(400).end();
        res.writeHead(200).end();
        if (body.notification) track(rescue(node, body));
        // The handler's span continues the delivery's trace (the server's traceparent header).
        else track(run(node, body.decision ? "decision" : "activity", traceContextFrom(req.headers)));
      },
      () => void res.writeHead(400).end(),
    );
  };

  const idle = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };
  return Object.assign(handle, {
    idle,
    close: async () => {
      closing = true;
      await idle();
    },
  });
}

function rescueHandlerFor(rescue: PushHandlerOptions["rescue"], node: PushedNode): RescueHandler | undefined {
  if (typeof rescue !== "object") return rescue;
  const alias = node.clientData?.name;
  return rescue[node.name] ?? (typeof alias === "string" ? rescue[alias] : undefined) ?? rescue["*"];
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
