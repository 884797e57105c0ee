// A graphql-ws proxy in front of a real server that loses the answers to reports: a worker's
// reportNodeStatuses goes through to the server (which applies it), and when the server's answer
// comes back the proxy cuts the whole connection instead of passing it on, as a network blip or a
// proxy restart between the commit and the answer would. Everything else is passed through as is.
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer, type RawData } from "ws";

export type WsCutProxy = {
  /** http://127.0.0.1:<port>/graphql (the pull worker's url: it connects with ws://). */
  url: string;
  stats: { connections: number; reportsSent: number; answersCut: number };
  close: () => Promise<void>;
};

type Message = { type?: string; id?: string; payload?: { query?: string } };

function parse(data: RawData): Message {
  try {
    return JSON.parse((data as Buffer).toString("utf8")) as Message;
  } catch {
    return {};
  }
}

/** `cut(n)`: whether to cut the connection at the n-th answer to a report (1-based). */
export async function startWsCutProxy(graphqlUrl: string, cut: (n: number) => boolean): Promise<WsCutProxy> {
  const target = graphqlUrl.replace(/^http/, "ws");
  const stats = { connections: 0, reportsSent: 0, answersCut: 0 };
  let answers = 0;
  const wss = new WebSocketServer({
    host: "127.0.0.1",
    port: 0,
    path: new URL(graphqlUrl).pathname,
    handleProtocols: (protocols) => protocols.values().next().value ?? false,
  });
  wss.on("connection", (down) => {
    stats.connections++;
    const up = new WebSocket(target, down.protocol);
    const queued: RawData[] = [];
    const reportIds = new Set<string>();
    const end = () => {
      down.terminate();
      up.terminate();
    };
    up.on("open", () => queued.splice(0).forEach((m) => up.send(m, { binary: false })));
    down.on("message", (data) => {
      const m = parse(data);
      if (m.type === "subscribe" && m.payload?.query?.includes("reportNodeStatuses") && m.id) {
        reportIds.add(m.id);
        stats.reportsSent++;
      }
      if (up.readyState === WebSocket.OPEN) up.send(data, { binary: false });
      else queued.push(data);
    });
    up.on("message", (data) => {
      const m = parse(data);
      if (m.type === "next" && m.id && reportIds.has(m.id)) {
        reportIds.delete(m.id);
        if (cut(++answers)) {
          stats.answersCut++;
          end();
          return;
        }
      }
      if (down.readyState === WebSocket.OPEN) down.send(data, { binary: false });
    });
    for (const socket of [up, down]) {
      socket.on("close", end);
      socket.on("error", end);
    }
  });
  await new Promise<void>((resolve) => wss.once("listening", resolve));
  const { port } = wss.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${new URL(graphqlUrl).pathname}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}
