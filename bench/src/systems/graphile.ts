// graphile-worker 0.18 on its own database: schema installed by its migrate(), jobs added with
// WorkerUtils.addJob, worker processes running workers/graphile-worker.ts. Two configurations: its
// defaults, and its documented batching (local queue + batched completion).
import pg from "pg";
import { makeWorkerUtils, type WorkerUtils } from "graphile-worker";
import { FANIN_TABLE_SQL } from "../workers/fanin-counter.ts";
import type { Infra, Shape, System, SystemFactory } from "./system.ts";
import { startWorkers } from "./workers.ts";

function graphile(batched: boolean): SystemFactory {
  const name = batched ? "graphile-worker batched" : "graphile-worker";
  return {
    name,
    kind: "postgres-peer",
    unavailable: () => null,
    start: async (infra: Infra, shape: Shape): Promise<System> => {
      const database = `bench_graphile${batched ? "_batched" : ""}_${shape.workers}w`;
      const url = await infra.postgres.createDatabase(database);
      const setup = new pg.Client({ connectionString: url });
      await setup.connect();
      await setup.query(FANIN_TABLE_SQL);
      await setup.end();
      const utils: WorkerUtils = await makeWorkerUtils({ connectionString: url });
      try {
        await utils.migrate();
        const envs = Array.from({ length: shape.workers }, () => ({
          BENCH_DATABASE_URL: url,
          BENCH_CONCURRENCY: String(infra.concurrency),
          BENCH_BATCHED: batched ? "1" : "0",
        }));
        const workers = await startWorkers(name, "graphile-worker.ts", envs);
        return {
          name,
          database,
          serverPids: () => [],
          workers,
          prepare: async (work) => async () => {
            await utils.addJob(work.kind, { key: work.key, n: work.n });
          },
          stop: async () => {
            await workers.stop();
            await utils.release();
          },
        };
      } catch (error) {
        await utils.release();
        throw error;
      }
    },
  };
}

export const graphileDefault = graphile(false);
export const graphileBatched = graphile(true);
