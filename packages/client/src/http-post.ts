// How the client sends a GraphQL request: one POST, its answer read whole. By default over
// node:http(s) with a keep-alive agent shared by every client of the process: Node's fetch (undici)
// cost ~0.4 ms more per request on a 2-core machine (a POST to a local server, p50 0.51–0.62 ms
// against 0.12–0.25 ms), paid by every signal, addChildren and pushed node's report.
import http from "node:http";
import https from "node:https";

export type PostAnswer = { status: number; body: string };
/** Rejects only when no answer came back (the server unreachable, the connection lost). */
export type Post = (url: string, headers: Record<string, string>, body: string) => Promise<PostAnswer>;

// Idle sockets do not keep the process alive (the agent unrefs them). They close after IDLE_SOCKET_MS,
// or a second before the server's advertised keep-alive timeout if that is sooner, so a request does not
// go out on one the server is closing. Node's agent applies that hint only when it has a timeout of its
// own (without one, an idle socket stayed open until the server closed it). 4 s is fetch's default.
export const IDLE_SOCKET_MS = 4_000;
let agents: { http: http.Agent; https: https.Agent } | null = null;

export const httpPost: Post = (url, headers, body) => {
  const options = { keepAlive: true, timeout: IDLE_SOCKET_MS };
  agents ??= { http: new http.Agent(options), https: new https.Agent(options) };
  const secure = url.startsWith("https:");
  const request = secure ? https.request : http.request;
  return new Promise<PostAnswer>((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent: secure ? agents!.https : agents!.http,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
        res.on("close", () => {
          if (!res.complete) reject(new Error("the answer was cut off", { cause: { code: "ECONNRESET" } }));
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
};

/** A caller's fetch (a test's, a proxy's) as the transport. */
export function fetchPost(fetcher: typeof fetch): Post {
  return async (url, headers, body) => {
    const res = await fetcher(url, { method: "POST", headers, body });
    return { status: res.status, body: await res.text() };
  };
}
