// A worker that pulls its nodes over WebSocket: no public endpoint needed.
import { BackbeatClient, createPullWorker } from "@backbeat/client";
import { handlers } from "./handlers.ts";

const url = process.env.BACKBEAT_URL ?? "http://localhost:4000/graphql";
const token = process.env.BACKBEAT_TOKEN!;
const client = new BackbeatClient({ url, token });

const worker = createPullWorker({
  url,
  token,
  client,
  handlers,
  concurrency: 4, // never more than 4 handlers at once
  prefetch: 4, // and 4 more waiting in this process (the default)
  heartbeatIntervalMs: 60_000, // heartbeat every minute while a handler runs
  onConnectionChange: (connected) => console.log(connected ? "connected" : "disconnected, reconnecting"),
});
worker.start();

// Graceful shutdown: take no more nodes, let the running ones finish and report.
process.on("SIGTERM", () => void worker.stop().then(() => process.exit(0)));
