// A graphile-worker 0.18 worker process: one runner, BENCH_CONCURRENCY jobs at once (default 10).
// BENCH_BATCHED=1 turns on its documented batching: a local queue (jobs fetched and locked in
// batches) and batched completion.
import { Logger, run, type Task, type TaskList } from "graphile-worker";
import { peerTask, TASKS, type JobPayload } from "./peer-tasks.ts";
import { createRecorder } from "./recorder.ts";

const recorder = createRecorder();
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
const batched = process.env.BENCH_BATCHED === "1";

const makeTask =
  (name: string): Task =>
  async (payload, helpers) =>
    peerTask(
      recorder,
      (text, values) => helpers.query(text, values),
      (task, payloads) =>
        payloads.length === 1
          ? helpers.addJob(task, payloads[0])
          : helpers.addJobs(payloads.map((p) => ({ identifier: task, payload: p }))),
    )(name, payload as JobPayload);

const taskList: TaskList = Object.fromEntries(TASKS.map((name) => [name, makeTask(name)]));

const runner = await run({
  connectionString: process.env.BENCH_DATABASE_URL!,
  concurrency,
  maxPoolSize: concurrency + 2,
  noHandleSignals: true,
  taskList,
  logger: new Logger(() => (level, message) => {
    if (level === "error") recorder.error(new Error(message));
  }),
  preset: batched
    ? { worker: { localQueue: { size: 2 * concurrency }, completeJobBatchDelay: 0, failJobBatchDelay: 0 } }
    : {},
});
recorder.ready();
process.on("SIGTERM", () => void runner.stop().then(() => process.exit(0)));
