// A Backbeat worker process as a user writes one: @backbeat/client's pull worker (nodesToRun over
// WebSocket, reports over HTTP) or push handler (the server POSTs each node to this process).
//
// Environment: BENCH_URL (the server's /graphql), BENCH_TOKEN, BENCH_MODE (pull | push),
// BENCH_CONCURRENCY (pull; default 10), BENCH_PORT and BENCH_SECRET (push).
import { createServer } from "node:http";
import { BackbeatClient, createPullWorker, createPushHandler, type Handler } from "@backbeat/client";
import { createRecorder } from "./recorder.ts";

const url = process.env.BENCH_URL!;
const token = process.env.BENCH_TOKEN!;
const mode = process.env.BENCH_MODE ?? "pull";
const recorder = createRecorder();
const client = new BackbeatClient({ url, token });

const keyOf = (ctx: Parameters<Handler>[0]) => {
  const key = ctx.node.clientData.key;
  return typeof key === "string" ? key : "";
};
const countOf = (ctx: Parameters<Handler>[0]) => Number(ctx.node.clientData.n ?? 0);

/** A handler that records its start and end around `work`. */
const timed =
  (work: Handler = () => null): Handler =>
  async (ctx) => {
    const key = keyOf(ctx);
    recorder.started(ctx.node.name, key);
    await work(ctx);
    recorder.ended(ctx.node.name, key);
    return null;
  };

/** Adds `n` non-blocking children named `name` in one call (they start once the handler returns). */
const addChildren = (name: string, n: number, ctx: Parameters<Handler>[0], clientData = {}) =>
  n > 0
    ? ctx.addChildren(Array.from({ length: n }, () => ({ name, mode: "NON_BLOCKING" as const, clientData })))
    : Promise.resolve([]);

const handlers: Record<string, Handler> = {
  // Fan-out: the signal adds n children; the workflow's next signal ("done") starts once they all completed.
  fanout: timed((ctx) => addChildren("child", countOf(ctx), ctx)),
  child: timed(),
  done: timed(),
  single: timed(),
  // The sustained mix: a 3-level tree, k branches of k leaves each.
  tree: timed((ctx) => addChildren("branch", countOf(ctx), ctx, { n: countOf(ctx) })),
  branch: timed((ctx) => addChildren("leaf", countOf(ctx), ctx)),
  leaf: timed(),
};

const onError = (error: unknown) => recorder.error(error);

if (mode === "push") {
  const push = createPushHandler({ client, signingSecret: process.env.BENCH_SECRET!, handlers, onError });
  const server = createServer(push).listen(Number(process.env.BENCH_PORT), "127.0.0.1", () => recorder.ready());
  process.on("SIGTERM", () => void push.close().then(() => server.close(() => process.exit(0))));
} else {
  const worker = createPullWorker({
    url,
    token,
    client,
    handlers,
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 10),
    onError,
    onConnectionChange: (connected) => connected && recorder.ready(),
  });
  worker.start();
  process.on("SIGTERM", () => void worker.stop().then(() => process.exit(0)));
}
