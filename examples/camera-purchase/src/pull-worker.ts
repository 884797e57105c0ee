// The camera purchase run by a pull worker: the client has no activityEndpoint, and the worker takes its
// nodes over a WebSocket subscription (nodesToRun), so it needs no public address.
//
//   BACKBEAT_TOKEN=… node --import tsx src/pull-worker.ts
import { BackbeatClient, createPullWorker, type PullWorker } from "@backbeat/client";
import { isMain, readClientConfig, runMain, stopOnSignals } from "./config.ts";
import { createHandlers, type Log } from "./handlers.ts";
import { createShop, type Shop } from "./shop.ts";

export type CameraPullWorkerOptions = {
  url: string;
  token: string;
  shop: Shop;
  log?: Log;
  /** Nodes run at once. Default 10: the notifications of many purchases run side by side. */
  concurrency?: number;
  onError?: (error: unknown) => void;
};

/** Starts the worker; stop() waits for the nodes it runs to report, then disconnects. */
export function startCameraPullWorker(options: CameraPullWorkerOptions): PullWorker {
  const client = new BackbeatClient({ url: options.url, token: options.token });
  const worker = createPullWorker({
    url: options.url,
    token: options.token,
    client,
    handlers: createHandlers(options.shop, options.log),
    concurrency: options.concurrency ?? 10,
    ...(options.onError ? { onError: options.onError } : {}),
    reconnect: { initialDelayMs: 500, maxDelayMs: 5000 },
  });
  worker.start();
  return worker;
}

if (isMain(import.meta.filename)) {
  runMain(async () => {
    const { url, token } = readClientConfig();
    const log = (line: string) => process.stdout.write(`[camera worker] ${line}\n`);
    const worker = startCameraPullWorker({ url, token, shop: createShop(), log });
    log(`pulling camera purchase nodes from ${url}`);
    stopOnSignals(() => worker.stop());
  });
}
