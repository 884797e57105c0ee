// pg-boss 12 on its own database: its schema installed by start(), one queue per task with NOTIFY on,
// jobs sent with send(), worker processes running workers/pgboss-worker.ts (batch fetch).
import pg from "pg";
import { PgBoss } from "pg-boss";
import { FANIN_TABLE_SQL } from "../workers/fanin-counter.ts";
import { TASKS } from "../workers/peer-tasks.ts";
import type { Infra, Shape, System, SystemFactory } from "./system.ts";
import { startWorkers } from "./workers.ts";

export const pgBoss: SystemFactory = {
  name: "pg-boss",
  kind: "postgres-peer",
  unavailable: () => null,
  start: async (infra: Infra, shape: Shape): Promise<System> => {
    const database = `bench_pgboss_${shape.workers}w`;
    const url = await infra.postgres.createDatabase(database);
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    await setup.query(FANIN_TABLE_SQL);
    await setup.end();
    const boss = new PgBoss({ connectionString: url, max: 4, supervise: false, schedule: false });
    // An error event without a listener would end the benchmark; its workers report their own errors.
    boss.on("error", (error) => process.stderr.write(`[pg-boss] ${error.message}\n`));
    await boss.start();
    try {
      for (const task of TASKS) await boss.createQueue(task, { notify: true });
      const envs = Array.from({ length: shape.workers }, () => ({
        BENCH_DATABASE_URL: url,
        BENCH_CONCURRENCY: String(infra.concurrency),
      }));
      const workers = await startWorkers("pg-boss", "pgboss-worker.ts", envs);
      return {
        name: "pg-boss",
        database,
        serverPids: () => [],
        workers,
        prepare: async (work) => async () => {
          await boss.send(work.kind, { key: work.key, n: work.n });
        },
        stop: async () => {
          await workers.stop();
          await boss.stop({ graceful: false });
        },
      };
    } catch (error) {
      await boss.stop({ graceful: false });
      throw error;
    }
  },
};
