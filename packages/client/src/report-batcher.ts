// A worker's reports, sent in batches: a report leaves at the end of the event-loop turn it was
// made in (with every other report of that turn: the nodes of one delivery finish together) when
// nothing is on its way, and otherwise goes with everything that queued meanwhile, in one
// reportNodeStatuses call (the server applies a batch in one transaction). No timer: a lone report
// waits for nothing but its own turn.
// A batch that cannot reach the server (or whose server cannot reach its database) is sent again
// with back-off: the server answers a report
// it already applied (same attempt, same status) with success, so a lost answer strands nothing.
import { setTimeout as sleep } from "node:timers/promises";
import { reconnectDelay } from "./backoff.ts";
import { BackbeatError, errorFromGraphql } from "./errors.ts";
import type { ReportNodeStatusesMutation } from "./generated/graphql.ts";
import type { JsonObject } from "./json.ts";
import type { NodeStatusReport } from "./types.ts";

/** `traceparent`: the run that made it (the server records the report in that trace). */
export type NodeReport = {
  nodeId: string;
  status: NodeStatusReport;
  response?: JsonObject;
  attempt?: number;
  traceparent?: string | null;
};
export type ReportResult = ReportNodeStatusesMutation["reportNodeStatuses"][number];
/** Sends one batch; answers one result per report, in order. */
export type SendReports = (reports: NodeReport[]) => Promise<ReportResult[]>;

const MAX_BATCH = 200;
/** How long a batch is retried while the server cannot be reached (e.g. it is restarting). */
const PATIENCE_MS = 120_000;

type Pending = { report: NodeReport; resolve: () => void; reject: (error: unknown) => void };

export class ReportBatcher {
  private queue: Pending[] = [];
  private sending = false;
  private flushQueued = false;

  constructor(private readonly send: SendReports) {}

  /** Resolves once the server applied the report; rejects with its typed refusal (e.g. ConflictError). */
  report(report: NodeReport): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ report, resolve, reject });
      this.flushSoon();
    });
  }

  /**
   * At the end of this turn of the event loop. After an answer too: the nodes the server hands out
   * for the slots it freed arrive with it, and their reports go in the same batch as those queued.
   */
  private flushSoon(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.sending || this.queue.length === 0) return;
    this.sending = true;
    const batch = this.queue.splice(0, MAX_BATCH);
    void this.deliver(batch).finally(() => {
      this.sending = false;
      this.flushSoon();
    });
  }

  private async deliver(batch: Pending[]): Promise<void> {
    let results: ReportResult[];
    try {
      results = await this.sendPersistently(batch.map((p) => p.report));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const result = results[i];
      if (result?.ok) p.resolve();
      else
        p.reject(
          result?.error
            ? errorFromGraphql({ message: result.error.message, extensions: { ...result.error } })
            : new BackbeatError("no answer for this report", "BAD_RESPONSE"),
        );
    });
  }

  private async sendPersistently(reports: NodeReport[]): Promise<ReportResult[]> {
    const giveUpAt = Date.now() + PATIENCE_MS;
    for (let retries = 0; ; retries++) {
      try {
        return await this.send(reports);
      } catch (error) {
        // Not reached, or its database away: nothing was applied, or it was and a repeat succeeds again.
        const unreachable =
          error instanceof BackbeatError && (error.code === "NETWORK_ERROR" || error.code === "DATABASE_UNAVAILABLE");
        if (!unreachable || Date.now() > giveUpAt) throw error;
        await sleep(reconnectDelay(retries, { initialDelayMs: 200, maxDelayMs: 5000 }));
      }
    }
  }
}
