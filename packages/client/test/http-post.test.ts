// The client's default transport (http-post.ts): a POST over node:http with a keep-alive agent,
// against a real HTTP server.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { httpPost, IDLE_SOCKET_MS } from "../src/http-post.ts";

describe("httpPost", () => {
  let server: Server;
  let url: string;
  let connections = 0;
  const seen: { headers: Record<string, unknown>; body: string }[] = [];
  before(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        seen.push({ headers: req.headers, body });
        if (req.url === "/cut") {
          res.writeHead(200, { "content-length": "100" });
          res.write("{");
          res.socket?.destroy();
          return;
        }
        res.writeHead(req.url === "/teapot" ? 418 : 200, { "content-type": "application/json" });
        res.end(JSON.stringify({ echoed: body, ünïcode: "✓" }));
      });
    });
    server.on("connection", () => connections++);
    // Idle connections stay open on the server's side for longer than any test waits.
    server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends the body and headers, and answers the status and the whole body", async () => {
    const body = JSON.stringify({ query: "{ x }", variables: { s: "é".repeat(10) } });
    const answer = await httpPost(`${url}/graphql`, { authorization: "Bearer t" }, body);
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body), { echoed: body, ünïcode: "✓" });
    const last = seen.at(-1)!;
    assert.equal(last.body, body);
    assert.equal(last.headers.authorization, "Bearer t");
    assert.equal(last.headers["content-length"], String(Buffer.byteLength(body)));
    assert.equal((await httpPost(`${url}/teapot`, {}, "{}")).status, 418);
  });

  it("reuses its connection for the next request", async () => {
    await httpPost(`${url}/graphql`, {}, "{}");
    const before = connections;
    for (let i = 0; i < 5; i++) await httpPost(`${url}/graphql`, {}, "{}");
    assert.equal(connections, before);
  });

  it("rejects when no whole answer came back", async () => {
    await assert.rejects(httpPost(`${url}/cut`, {}, "{}"));
    await assert.rejects(httpPost("http://127.0.0.1:1/graphql", {}, "{}"), { code: "ECONNREFUSED" });
  });

  it("an idle connection does not keep the process alive", async () => {
    const script = `import { httpPost } from ${JSON.stringify(new URL("../src/http-post.ts", import.meta.url).href)};
      const a = await httpPost(${JSON.stringify(`${url}/graphql`)}, {}, "{}"); console.log(a.status);`;
    // Held open by its connection, the process would be killed at the timeout (and the call reject).
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        timeout: 60_000,
      },
    );
    assert.equal(stdout.trim(), "200");
  });
});

describe("httpPost against a server that closes idle connections", () => {
  it("closes an idle connection itself before the server's advertised keep-alive timeout", async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => res.end("{}"));
    });
    // Advertised as "Keep-Alive: timeout=2": the client must not send on it once the server may close it.
    server.keepAliveTimeout = 2_000;
    const closedBy = new Promise<"client" | "server">((resolve) =>
      server.on("connection", (socket) => {
        let clientEnded = false;
        socket.on("end", () => (clientEnded = true));
        socket.on("close", () => resolve(clientEnded ? "client" : "server"));
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      assert.equal((await httpPost(`http://127.0.0.1:${port}/graphql`, {}, "{}")).status, 200);
      const bounded = new Promise<"timed out">((resolve) => setTimeout(() => resolve("timed out"), 10_000).unref());
      assert.equal(await Promise.race([closedBy, bounded]), "client");
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("an answer slower than the idle timeout still arrives (the timeout is for idle sockets only)", async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => setTimeout(() => res.end('{"slow":true}'), IDLE_SOCKET_MS + 500));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const answer = await httpPost(`http://127.0.0.1:${port}/graphql`, {}, "{}");
      assert.deepEqual(JSON.parse(answer.body), { slow: true });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
