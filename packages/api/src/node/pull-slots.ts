// Reports about pulled nodes free their workers' slots: through this process's pull dispatcher, the
// nodes for the slots that reports end go out while the reports commit (PullDispatcher.reporting).
import { endsClientWork, parseStatusReport, type NodeRecord } from "@backbeat/core";
import type { ApiContext } from "../context.ts";

type Report = { nodeId: string; status: string };

export function reportWithPullSlots<T>(
  ctx: ApiContext,
  reports: Report[],
  apply: () => Promise<T>,
  changed: (applied: T) => NodeRecord[],
): Promise<T> {
  if (!ctx.pull) return apply();
  const ending = reports.filter((r) => {
    const report = parseStatusReport(r.status);
    return report !== null && endsClientWork(report);
  });
  return ctx.pull.reporting(
    ending.map((r) => r.nodeId),
    apply,
    changed,
  );
}
