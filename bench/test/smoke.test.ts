// CI's short smoke of `pnpm bench` (Backbeat only, tiny sizes, one run): every scenario completes and
// reports its figures. It is not a speed test: no figure is compared with a threshold.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, it } from "node:test";
import type { ScenarioResult } from "../src/report.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
// About 40 s on a quiet 2-core machine; the bound is for a machine loaded by other work (it has taken 80–115 s so).
const LIMIT_MS = 170_000;
const dir = mkdtempSync(path.join(tmpdir(), "bench-smoke-"));
after(() => rmSync(dir, { recursive: true, force: true }));

it("pnpm bench --smoke runs every scenario on the real server and SDK workers and reports the figures", async () => {
  const json = path.join(dir, "smoke.json");
  const env = { ...process.env };
  delete env.DATABASE_URL; // its own embedded PostgreSQL, with pg_stat_statements
  const child = spawn(process.execPath, ["--import", "tsx", "bench/main.ts", "--smoke", "--json", json], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => child.kill("SIGINT"), LIMIT_MS);
  const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
  clearTimeout(timer);
  assert.equal(code, 0, `bench --smoke failed (exit ${code}):\n${output}`);

  const { results } = JSON.parse(readFileSync(json, "utf8")) as { results: ScenarioResult[] };
  assert.deepEqual(
    results.map((r) => r.scenario),
    ["fanout-1k", "fanout-10k", "latency", "mix", "mix-1server", "overload"],
  );
  for (const scenario of results) {
    assert.ok(scenario.systems.length > 0, `${scenario.scenario}: no system ran`);
    for (const system of scenario.systems) {
      const where = `${scenario.scenario} / ${system.system}`;
      assert.equal(system.failure, undefined, `${where}: ${system.failure}`);
      assert.equal(system.runs.length, 1, `${where}: one run`);
      const run = system.runs[0]!;
      // Overload's dispatch figures are slot waits, and a worker that never waited has none.
      const dispatch = scenario.scenario === "overload" ? [] : (["dispatchP50", "dispatchP99"] as const);
      for (const figure of ["throughput", ...dispatch, "statementsPerNode", "serverCpuPerK"] as const) {
        assert.ok(typeof run[figure] === "number" && run[figure] >= 0, `${where}: ${figure} = ${run[figure]}`);
      }
      assert.ok(run.nodes > 0, `${where}: nodes`);
      assert.ok(typeof run.transactionsPerNode === "number", `${where}: transactions per node`);
      assert.ok(typeof run.serverRssMb === "number" && run.serverRssMb > 0, `${where}: server RSS`);
    }
  }
});
