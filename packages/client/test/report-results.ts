// What a server answers for a report it applied, for tests that stand in for the server's answer.
import type { NodeReport, ReportResult } from "../src/report-batcher.ts";

export const applied = (r: NodeReport): ReportResult => ({
  nodeId: r.nodeId,
  ok: true,
  serverStatus: "COMPLETE",
  clientStatus: "COMPLETE",
  attempt: 1,
  error: null,
});
