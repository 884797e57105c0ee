// The unfinished nodes that have not changed for the longest time, each linked to its place in the tree.
import Link from "next/link";
import { WorkflowLabel } from "@/components/workflow-label";
import { StatusBadge } from "@/components/status-badge";
import type { StuckNode } from "./queries";

function since(iso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
}

export function StuckNodes({ nodes, now }: { nodes: StuckNode[]; now: number }) {
  return (
    <section aria-labelledby="stuck-title">
      <h2 id="stuck-title">Oldest stuck nodes</h2>
      <p className="muted small">Unfinished nodes unchanged for at least 5 minutes, oldest first.</p>
      {nodes.length === 0 ? (
        <p className="empty" data-testid="stuck-empty">
          Nothing is stuck.
        </p>
      ) : (
        <table data-testid="stuck-nodes">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Workflow</th>
              <th scope="col">Status</th>
              <th scope="col">Unchanged for</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((node) => (
              <tr key={node.id} data-testid={`node-row-${node.id}`}>
                <td>
                  <Link href={`/workflows/${node.workflowId}?node=${node.id}`}>{node.name}</Link>
                </td>
                <td>
                  <WorkflowLabel id={node.workflowId} name={node.workflow.name} subject={node.workflow.subject} />
                </td>
                <td className="counts">
                  <StatusBadge status={node.serverStatus} kind="server" />
                  <StatusBadge status={node.clientStatus} kind="client" />
                </td>
                <td>
                  <time dateTime={node.updatedAt} title={`${node.updatedAt} (last change)`}>
                    {since(node.updatedAt, now)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
