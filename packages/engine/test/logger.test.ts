// The JSON logger (pino underneath): one JSON object per line with the level as a word, an ISO time,
// the message and the fields; lines below the minimum level are dropped; the injected `write`
// receives each line without its newline (the seam tests use to read what was logged).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, it } from "node:test";
import { jsonLogger } from "../src/logger.ts";

describe("jsonLogger", () => {
  it("writes one JSON line per call with level, ISO time, msg and fields", () => {
    const lines: string[] = [];
    const log = jsonLogger("debug", (line) => lines.push(line));
    log("debug", "request started", { requestId: "r-1", method: "POST" });
    log("error", "request failed", { requestId: "r-1", error: { message: "boom" }, count: 3n });
    log("info", "no fields");
    assert.equal(lines.length, 3);
    for (const line of lines) assert.ok(!line.includes("\n"), line);
    const [started, failed, plain] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      { ...started, time: undefined },
      {
        level: "debug",
        time: undefined,
        msg: "request started",
        requestId: "r-1",
        method: "POST",
      },
    );
    assert.match(String(started!.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(failed!.error, { message: "boom" });
    assert.equal(failed!.count, 3);
    assert.deepEqual(Object.keys(plain!).sort(), ["level", "msg", "time"]);
  });

  it("drops lines below the minimum level", () => {
    const lines: string[] = [];
    const log = jsonLogger("warn", (line) => lines.push(line));
    log("debug", "a");
    log("info", "b");
    log("warn", "c");
    log("error", "d");
    assert.deepEqual(
      lines.map((l) => (JSON.parse(l) as { level: string; msg: string }).msg),
      ["c", "d"],
    );
  });

  it("writes to stdout by default, nothing lost when the process exits right after", () => {
    const script = `import { jsonLogger } from ${JSON.stringify(path.resolve(import.meta.dirname, "../src/logger.ts"))};
const log = jsonLogger("info");
for (let i = 0; i < 1000; i++) log("info", "line", { i });
process.exit(0);`;
    const out = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], {
      encoding: "utf8",
      timeout: 30_000,
    });
    assert.equal(out.status, 0, out.stderr);
    const lines = out.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 1000);
    assert.equal((JSON.parse(lines[999]!) as { i: number }).i, 999);
  });
});
