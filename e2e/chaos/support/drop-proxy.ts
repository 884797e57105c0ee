// An HTTP proxy in front of a real server that loses answers on purpose: a request it is told to drop
// is forwarded whole and answered by the server (so it took effect), then the caller's connection is
// cut instead of the answer reaching it, as a proxy timeout or a network blip after the commit would.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type DropProxy = {
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  stats: { forwarded: number; dropped: number };
  close: () => Promise<void>;
};

/** `drop(body)` decides per request; it sees the request body's text. */
export async function startDropProxy(graphqlUrl: string, drop: (body: string) => boolean): Promise<DropProxy> {
  const target = new URL(graphqlUrl);
  const stats = { forwarded: 0, dropped: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const name of ["authorization", "content-type", "client-id"]) {
        const value = req.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      void fetch(new URL(req.url ?? "/", target), {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
        signal: AbortSignal.timeout(30_000),
      })
        .then(async (upstream) => {
          const answer = Buffer.from(await upstream.arrayBuffer());
          stats.forwarded++;
          if (drop(body.toString("utf8"))) {
            stats.dropped++;
            req.socket.destroy();
            return;
          }
          res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "text/plain" });
          res.end(answer);
        })
        .catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
