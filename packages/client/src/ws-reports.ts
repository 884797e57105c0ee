// reportNodeStatuses as one operation on a worker's graphql-ws connection. While the socket is
// away, graphql-ws sends the operation again once it reconnects (the server answers a report it
// already applied with success); a connection that is gone for good is a NETWORK_ERROR, which the
// batcher retries over whatever transport it has then.
import { print } from "graphql";
import type { Client } from "graphql-ws";
import { BackbeatError, errorFromGraphql } from "./errors.ts";
import { ReportNodeStatusesDocument, type ReportNodeStatusesMutation } from "./generated/graphql.ts";
import type { NodeReport, ReportResult } from "./report-batcher.ts";

let text: string | undefined;

export function reportOverWebSocket(ws: Client, reports: NodeReport[]): Promise<ReportResult[]> {
  const query = (text ??= print(ReportNodeStatusesDocument));
  return new Promise((resolve, reject) => {
    let answer: ReportNodeStatusesMutation | null = null;
    ws.subscribe<ReportNodeStatusesMutation>(
      { query, variables: { reports } },
      {
        next: (msg) => {
          if (msg.errors?.[0]) reject(errorFromGraphql(msg.errors[0]));
          else if (msg.data) answer = msg.data;
        },
        error: (error) =>
          reject(
            error instanceof BackbeatError
              ? error
              : new BackbeatError(
                  `the worker's connection failed: ${describe(error)}`,
                  "NETWORK_ERROR",
                  {},
                  { cause: error },
                ),
          ),
        complete: () =>
          answer
            ? resolve(answer.reportNodeStatuses)
            : reject(new BackbeatError("no answer to the reports", "NETWORK_ERROR")),
      },
    );
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" || typeof code === "string" ? `closed (${code})` : "closed";
}
