// What a client (or operator) can report about a node (reference §7.4), and the event each triggers.

export const STATUS_REPORTS = [
  "processing",
  "completed",
  "errored",
  "resolved",
  "shutdown",
  "canceled",
  "deactivated",
] as const;
export type StatusReport = (typeof STATUS_REPORTS)[number];

/** The original's legacy names: deciding = processing, deciding_complete = completed. */
const ALIASES: Record<string, StatusReport> = { deciding: "processing", deciding_complete: "completed" };

export function parseStatusReport(value: string): StatusReport | null {
  const lower = value.toLowerCase();
  if ((STATUS_REPORTS as readonly string[]).includes(lower)) return lower as StatusReport;
  return ALIASES[lower] ?? null;
}

/** Whether a report, once applied, ends the client's work on the node: all but PROCESSING. */
export function endsClientWork(report: StatusReport): boolean {
  return report !== "processing";
}

/** The client status a report leaves the node in, for the reports a worker repeats after a lost answer. */
const REPORTED_STATUS: Partial<Record<StatusReport, string>> = {
  processing: "processing",
  completed: "complete",
  resolved: "resolved",
  shutdown: "shutdown",
};

/**
 * A report that was already applied (the node shows its outcome, same attempt): repeated because
 * its answer was lost, it succeeds again without changing anything (PRODUCT.md #12).
 */
export function isRepeatedReport(report: StatusReport, clientStatus: string): boolean {
  return REPORTED_STATUS[report] === clientStatus;
}
