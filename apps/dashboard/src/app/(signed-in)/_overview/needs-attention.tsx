// "Needs attention now": the newest failed nodes, first on the overview, each one click from its panel (where
// the recommended action, restart, is highlighted).
import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { WorkflowLabel } from "@/components/workflow-label";
import { relativeTime } from "@/lib/format";
import type { FailedNodes } from "./queries";

export function NeedsAttention({ failed, now }: { failed: FailedNodes; now: number }) {
  const nodes = failed.edges.map((e) => e.node);
  return (
    <section aria-labelledby="attention-title" className="attention">
      <h2 id="attention-title">Needs attention now</h2>
      {nodes.length === 0 ? (
        <p className="empty" data-testid="attention-empty">
          No failed node: nothing needs you.
        </p>
      ) : (
        <>
          <p className="muted small">
            Failed nodes, newest first. Open one to see why and act on it.{" "}
            <Link href="/nodes?currentStatus=errored" data-testid="attention-all">
              {failed.pageInfo.hasNextPage ? "All failed nodes, and bulk retry" : "Bulk retry on the Nodes page"}
            </Link>
          </p>
          <ul className="attention-list" data-testid="needs-attention">
            {nodes.map((node) => (
              <li key={node.id} data-testid={`attention-row-${node.id}`}>
                <Link href={`/workflows/${node.workflowId}?node=${node.id}`} className="attention-node">
                  {node.name}
                </Link>{" "}
                <span className="counts">
                  <StatusBadge status={node.serverStatus} kind="server" />
                  <StatusBadge status={node.clientStatus} kind="client" />
                </span>
                <span className="attention-where">
                  in <WorkflowLabel id={node.workflowId} name={node.workflow.name} subject={node.workflow.subject} /> ·{" "}
                  <time dateTime={node.updatedAt}>{relativeTime(node.updatedAt, now)}</time>
                  {node.recommendedAction ? ` · suggested: ${node.recommendedAction.toLowerCase()}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
