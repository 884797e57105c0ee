// A pg-boss 12 worker process: one queue per task, woken by LISTEN/NOTIFY, each fetching up to
// BENCH_CONCURRENCY jobs per round trip (batch fetch) and running them at once, and fetching again
// at once while batches come back full.
import { PgBoss } from "pg-boss";
import { peerTask, TASKS, type JobPayload } from "./peer-tasks.ts";
import { createRecorder } from "./recorder.ts";

const recorder = createRecorder();
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);

const boss = new PgBoss({
  connectionString: process.env.BENCH_DATABASE_URL!,
  max: concurrency + 2,
  useListenNotify: true,
  // The benchmark measures jobs, not housekeeping.
  supervise: false,
  schedule: false,
  migrate: false,
});
boss.on("error", (error) => recorder.error(error));
await boss.start();

const handle = peerTask(
  recorder,
  (text, values) => boss.getDb().executeSql(text, values),
  (task, payloads) =>
    payloads.length === 1
      ? boss.send(task, payloads[0])
      : boss.insert(
          task,
          payloads.map((data) => ({ data })),
        ),
);

for (const task of TASKS) {
  await boss.work<JobPayload>(
    task,
    { batchSize: concurrency, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5 },
    async (jobs) => {
      await Promise.all(jobs.map((job) => handle(task, job.data)));
    },
  );
}
recorder.ready();
process.on("SIGTERM", () => void boss.stop({ graceful: true }).then(() => process.exit(0)));
