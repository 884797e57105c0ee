// A BullMQ 5 worker process: one Worker on the benchmark's queue, BENCH_CONCURRENCY jobs at once
// (default 10). Fan-in is BullMQ's own: a FlowProducer flow whose parent ("done") runs once all its
// children have completed.
import { FlowProducer, Worker, type FlowJob } from "bullmq";
import { createRecorder } from "./recorder.ts";

const recorder = createRecorder();
const queueName = process.env.BENCH_QUEUE ?? "bench";
const connection = { host: process.env.BENCH_REDIS_HOST!, port: Number(process.env.BENCH_REDIS_PORT) };
const flows = new FlowProducer({ connection });

type Payload = { key?: string; n?: number };
const jobs = (name: string, n: number, children?: () => FlowJob[]): FlowJob[] =>
  Array.from({ length: n }, () => ({ name, queueName, data: {}, ...(children ? { children: children() } : {}) }));

const worker = new Worker<Payload>(
  queueName,
  async (job) => {
    const { key = "", n = 0 } = job.data;
    recorder.started(job.name, key);
    if (job.name === "fanout") {
      await flows.add({ name: "done", queueName, data: { key }, children: jobs("child", n) });
    } else if (job.name === "tree") {
      await flows.add({ name: "done", queueName, data: { key }, children: jobs("branch", n, () => jobs("leaf", n)) });
    }
    recorder.ended(job.name, key);
  },
  {
    connection: { ...connection, maxRetriesPerRequest: null },
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 10),
  },
);
worker.on("error", (error) => recorder.error(error));
worker.on("failed", (_job, error) => recorder.error(error));
await worker.waitUntilReady();
recorder.ready();
process.on("SIGTERM", () => void Promise.all([worker.close(), flows.close()]).then(() => process.exit(0)));
