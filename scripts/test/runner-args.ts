// The node flags every test run uses (scripts/test.ts), kept here so a test can run the runner the
// same way (e2e/test/test-reports-complete.test.ts).
import path from "node:path";

const BLOCKING_STDOUT = path.join(import.meta.dirname, "blocking-stdout.ts");

/**
 * A test that runs longer than `testTimeoutMs` fails (a hang shows as a failure, not a stalled run);
 * a test file whose tests have all finished exits even if something (a timer, a socket) would keep it
 * alive. That forced exit would cut short the report a file's process writes to the runner through a
 * pipe (nodejs/node#64833: the last tests' results lost, a failure's name and message with them), so
 * every process of the run first makes its stdout blocking.
 */
export function testRunnerArgs(testTimeoutMs: number): string[] {
  return [
    "--import",
    "tsx",
    "--import",
    BLOCKING_STDOUT,
    "--test",
    "--test-concurrency=2",
    `--test-timeout=${testTimeoutMs}`,
    "--test-force-exit",
  ];
}
