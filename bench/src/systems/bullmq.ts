// BullMQ 5 on the benchmark's Redis (no persistence): jobs added with Queue.add, worker processes
// running workers/bullmq-worker.ts, fan-in through FlowProducer flows.
import { Queue } from "bullmq";
import type { Infra, Shape, System, SystemFactory } from "./system.ts";
import { startWorkers } from "./workers.ts";

export const bullmq: SystemFactory = {
  name: "bullmq",
  kind: "redis-peer",
  unavailable: (infra) => (infra.redis ? null : "redis-server is not installed (apt-get install redis-server)"),
  start: async (infra: Infra, shape: Shape): Promise<System> => {
    const redis = infra.redis!;
    // A queue of its own per deployment, so nothing of an earlier scenario is left in it.
    const queueName = `bench-${Date.now()}`;
    const queue = new Queue(queueName, { connection: { host: redis.host, port: redis.port } });
    try {
      const envs = Array.from({ length: shape.workers }, () => ({
        BENCH_REDIS_HOST: redis.host,
        BENCH_REDIS_PORT: String(redis.port),
        BENCH_QUEUE: queueName,
        BENCH_CONCURRENCY: String(infra.concurrency),
      }));
      const workers = await startWorkers("bullmq", "bullmq-worker.ts", envs);
      return {
        name: "bullmq",
        database: null,
        serverPids: () => [],
        workers,
        prepare: async (work) => async () => {
          await queue.add(work.kind, { key: work.key, n: work.n });
        },
        stop: async () => {
          await workers.stop();
          await queue.close();
        },
      };
    } catch (error) {
      await queue.close();
      throw error;
    }
  },
};
