// The camera purchase run behind a push endpoint: the server POSTs each node (signed) to
// http://<host>:<port>/activity, the client's activityEndpoint; notifications (retries exhausted) go to
// /notification. Create the client with those endpoints:
//   pnpm backbeat client create --name shop --activity-endpoint http://localhost:5050/activity \
//     --notification-endpoint http://localhost:5050/notification
//   BACKBEAT_TOKEN=… BACKBEAT_SIGNING_SECRET=… PORT=5050 node --import tsx src/push-worker.ts
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { BackbeatClient, createPushHandler, type PushHandler } from "@backbeat/client";
import { isMain, readClientConfig, runMain, stopOnSignals } from "./config.ts";
import { createHandlers, type Log } from "./handlers.ts";
import { createShop, type Shop } from "./shop.ts";

export type CameraPushWorkerOptions = {
  url: string;
  token: string;
  signingSecret: string;
  shop: Shop;
  log?: Log;
  port?: number;
  host?: string;
};

export type CameraPushWorker = {
  /** The port it listens on (useful with port 0). */
  port: number;
  push: PushHandler;
  /** Stops taking requests, waits for the nodes it took to report. */
  close: () => Promise<void>;
};

export async function startCameraPushWorker(options: CameraPushWorkerOptions): Promise<CameraPushWorker> {
  const log = options.log ?? (() => {});
  const push = createPushHandler({
    client: new BackbeatClient({ url: options.url, token: options.token }),
    signingSecret: options.signingSecret,
    handlers: createHandlers(options.shop, log),
    // A declined purchase fails with no retries left, and the server says so here. Nothing to do: the
    // shop retries the purchase with a new signal (signal.ts, retryDeclinedPurchase).
    rescue: (n) =>
      log(`${n.node.name} (${n.node.id}): ${n.notification.message}: ${JSON.stringify(n.error.message ?? null)}`),
  });
  const server: Server = createServer((req, res) => {
    if (req.method === "POST" && (req.url === "/activity" || req.url === "/notification")) return push(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 5050, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    push,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await push.idle();
    },
  };
}

if (isMain(import.meta.filename)) {
  runMain(async () => {
    const { url, token, signingSecret } = readClientConfig();
    if (!signingSecret) throw new Error("set BACKBEAT_SIGNING_SECRET (printed by `backbeat client create`)");
    const log = (line: string) => process.stdout.write(`[camera push] ${line}\n`);
    const worker = await startCameraPushWorker({
      url,
      token,
      signingSecret,
      shop: createShop(),
      log,
      port: Number(process.env.PORT || 5050),
    });
    log(`listening on http://127.0.0.1:${worker.port}/activity`);
    stopOnSignals(() => worker.close());
  });
}
