import { StatusBadge } from "./status-badge";

/** A workflow's node counts by server status, in the server's order (errored first). */
export function StatusCounts({ counts }: { counts: { status: string; count: number }[] }) {
  if (counts.length === 0) return <span className="muted">no nodes</span>;
  return (
    <span className="counts" data-testid="status-counts">
      {counts.map(({ status, count }) => (
        <StatusBadge key={status} status={status} count={count} />
      ))}
    </span>
  );
}
