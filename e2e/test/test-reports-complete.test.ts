// The test runner's report is complete: every test of every file is counted, and a failing test is
// named with its error, even though each file's process is forced to exit when its tests are done
// (scripts/test/runner-args.ts). Without the fix about a fifth of such files lost their last results.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, it } from "node:test";
import { testRunnerArgs } from "../../scripts/test/runner-args.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FILES = 16;
const PASSING_PER_FILE = 1_000;
const dir = mkdtempSync(path.join(tmpdir(), "backbeat-reports-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function writeTestFile(index: number): string {
  const file = path.join(dir, `sample-${index}.test.mjs`);
  writeFileSync(
    file,
    `import assert from "node:assert/strict";
import { describe, it } from "node:test";
for (let s = 0; s < 10; s++)
  describe("suite " + s, () => { for (let t = 0; t < ${PASSING_PER_FILE / 10}; t++) it("passes " + t, () => {}); });
it("the last test of file ${index} fails", () => assert.equal("seen", "lost"));
`,
  );
  return file;
}

it("counts every test of every file and names each failing one", { timeout: 120_000 }, async () => {
  const files = Array.from({ length: FILES }, (_, i) => writeTestFile(i));
  const child = spawn(process.execPath, [...testRunnerArgs(60_000), "--test-reporter=tap", ...files], {
    cwd: ROOT,
    // Without this variable (set in this file's own process) the child runs as a top-level runner.
    env: { ...process.env, NODE_TEST_CONTEXT: undefined },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.resume();
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));

  // Counts and names, not the output itself: a failure message holding megabytes of report is
  // itself slow for the runner to pass on.
  const summary = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(output)?.[1]);
  assert.equal(code, 1, "the run fails: each file has a failing test");
  assert.equal(summary("tests"), FILES * (PASSING_PER_FILE + 1), "tests counted");
  assert.equal(summary("fail"), FILES, "failures counted");
  const named = [...output.matchAll(/not ok \d+ - the last test of file (\d+) fails\n[^]*?'seen' !== 'lost'/g)];
  assert.deepEqual(
    named.map((m) => Number(m[1])).sort((a, b) => a - b),
    Array.from({ length: FILES }, (_, i) => i),
    "each failing test named, with its error",
  );
});
