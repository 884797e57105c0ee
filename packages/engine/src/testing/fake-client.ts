// A real HTTP server standing in for a client application: it records every request the engine
// makes and answers as the test says (status code, or run the node inside the request).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SIGNATURE_HEADER, signBody } from "../delivery/http-post.ts";

export type ReceivedRequest = {
  path: string;
  body: Record<string, any>;
  signatureValid: boolean;
  receivedAt: number;
};

/** What to answer: a status code, optionally after doing something (e.g. reporting back). */
export type Responder = (req: ReceivedRequest) => number | Promise<number>;

export class FakeClient {
  readonly requests: ReceivedRequest[] = [];
  respond: Responder = () => 200;
  secret = "";
  private server: Server | null = null;
  private waiters: { count: number; resolve: () => void }[] = [];

  get baseUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        (status) => res.writeHead(status).end(),
        () => res.writeHead(500).end(),
      );
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests to a path (e.g. "/activity"), in arrival order. */
  at(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  clear(): void {
    this.requests.length = 0;
  }

  /** Resolves once `count` requests in total have arrived (for tests against a running engine). */
  waitForRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  private async handle(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const received: ReceivedRequest = {
      path: req.url ?? "/",
      body: JSON.parse(raw) as Record<string, any>,
      signatureValid: req.headers[SIGNATURE_HEADER] === signBody(raw, this.secret),
      receivedAt: performance.now(),
    };
    this.requests.push(received);
    this.waiters = this.waiters.filter((w) => (this.requests.length >= w.count ? (w.resolve(), false) : true));
    return this.respond(received);
  }
}
