// Results → tables: one per scenario, a row per system, each figure the median of the measured runs
// with (min–max), and its ratio to the best PostgreSQL peer's figure in the same column.
import { percentile } from "./scenarios/measure.ts";

/** A run with every pending figure resolved. */
export type Figures = {
  throughput: number;
  seconds: number;
  nodes: number;
  dispatchP50: number | null;
  dispatchP99: number | null;
  statementsPerNode: number | null;
  transactionsPerNode: number | null;
  serverCpuPerK: number | null;
  workerCpuPerK: number;
  postgresCpuPerK: number | null;
  serverRssMb: number | null;
  workerRssMb: number | null;
};

export type SystemResult = {
  system: string;
  kind: "backbeat" | "postgres-peer" | "redis-peer";
  runs: Figures[];
  /** Set when the system could not run the scenario (or a run failed). */
  failure?: string;
};

export type ScenarioResult = {
  scenario: string;
  title: string;
  unit: string;
  dispatch: string;
  systems: SystemResult[];
};

type Column = { key: keyof Figures; label: string; higherIsBetter?: boolean; digits: number };

const COLUMNS: Column[] = [
  { key: "throughput", label: "throughput", higherIsBetter: true, digits: 0 },
  { key: "dispatchP50", label: "dispatch p50 ms", digits: 1 },
  { key: "dispatchP99", label: "dispatch p99 ms", digits: 1 },
  { key: "statementsPerNode", label: "SQL stmts/node", digits: 1 },
  { key: "transactionsPerNode", label: "transactions/node", digits: 2 },
  { key: "serverCpuPerK", label: "server CPU s/1k nodes", digits: 2 },
  { key: "workerCpuPerK", label: "worker CPU s/1k nodes", digits: 2 },
  { key: "postgresCpuPerK", label: "PostgreSQL CPU s/1k nodes", digits: 2 },
  { key: "serverRssMb", label: "server peak RSS MB", digits: 0 },
];

type Stat = { median: number; min: number; max: number };

function stat(runs: Figures[], key: keyof Figures): Stat | null {
  const values = runs.map((r) => r[key]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (values.length === 0) return null;
  return { median: percentile(values, 50)!, min: Math.min(...values), max: Math.max(...values) };
}

function fmt(value: number, digits: number): string {
  return value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The best PostgreSQL peer's median of each column (highest throughput, lowest everything else). */
function bestPeer(result: ScenarioResult, column: Column): number | null {
  const medians = result.systems
    .filter((s) => s.kind === "postgres-peer" && !s.failure)
    .map((s) => stat(s.runs, column.key)?.median)
    .filter((v): v is number => v !== undefined && v > 0);
  if (medians.length === 0) return null;
  return column.higherIsBetter ? Math.max(...medians) : Math.min(...medians);
}

export function table(result: ScenarioResult): string {
  const header = ["system", ...COLUMNS.map((c) => (c.key === "throughput" ? result.unit : c.label))];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const s of result.systems) {
    if (s.failure && s.runs.length === 0) {
      lines.push(
        `| ${s.system} | ${s.failure.split("\n")[0]!.replace(/\|/g, "/")} |${COLUMNS.slice(1)
          .map(() => "")
          .join(" |")} |`,
      );
      continue;
    }
    const cells = COLUMNS.map((column) => {
      const st = stat(s.runs, column.key);
      if (!st) return "–";
      const range = s.runs.length > 1 ? ` (${fmt(st.min, column.digits)}–${fmt(st.max, column.digits)})` : "";
      const best = bestPeer(result, column);
      const ratio = best ? ` ×${(st.median / best).toFixed(2)}` : "";
      return `${fmt(st.median, column.digits)}${range}${ratio}`;
    });
    // A system that failed later keeps the runs it completed, with what went wrong.
    const note = s.failure ? `; then ${s.failure.split("\n")[0]!.replace(/\|/g, "/")}` : "";
    lines.push(`| ${s.system} (${s.runs.length} runs${note}) | ${cells.join(" | ")} |`);
  }
  return [`### ${result.title}`, "", ...lines, "", `dispatch = ${result.dispatch}.`, ""].join("\n");
}
