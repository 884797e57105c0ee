// reportNodeStatuses: what the SDK's workers send, many reports per call (over the WebSocket they
// already hold), applied in one transaction by the engine (commands/report-statuses.ts).
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { detailExtensions } from "../errors.ts";
import type { ApiContext } from "../context.ts";
import { audited } from "../operator/audited.ts";
import { reportWithPullSlots } from "./pull-slots.ts";
import { NodeReportInput, NodeReportResult } from "./report-batch.type.ts";

@Resolver()
export class ReportBatchResolver {
  @Mutation(() => [NodeReportResult], {
    description:
      "Many reportNodeStatus calls in one (at most 500), applied in one transaction; each is checked on its own and answered in order: a refused report (NOT_FOUND, CONFLICT, BAD_USER_INPUT) changes nothing and does not stop the others. A report repeated for the same attempt and status succeeds again without changing anything.",
  })
  async reportNodeStatuses(
    @Arg("reports", () => [NodeReportInput]) reports: NodeReportInput[],
    @Ctx() ctx: ApiContext,
  ): Promise<NodeReportResult[]> {
    // The pull dispatcher of this process frees the slots of these nodes at once, and the nodes it
    // hands out for them go before this answer (the worker then reports them with what it holds back).
    const outcomes = await reportWithPullSlots(
      ctx,
      reports,
      () =>
        audited(ctx, "reportNodeStatuses", { count: reports.length }, () =>
          ctx.engine.reportNodeStatuses(
            ctx.caller,
            reports.map((r) => ({
              nodeId: r.nodeId,
              status: r.status,
              response: r.response ?? undefined,
              attempt: r.attempt ?? undefined,
              traceparent: r.traceparent,
            })),
          ),
        ),
      (applied) => applied.flatMap((o) => ("node" in o ? [o.node] : [])),
    );
    return outcomes.map((o) =>
      "node" in o
        ? {
            nodeId: o.nodeId,
            ok: true,
            serverStatus: o.node.serverStatus,
            clientStatus: o.node.clientStatus,
            attempt: o.node.attempt,
          }
        : {
            nodeId: o.nodeId,
            ok: false,
            error: { code: o.error.code, message: o.error.message, ...detailExtensions(o.error) },
          },
    );
  }
}
