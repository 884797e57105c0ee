// Node counts by status, errored statuses first, each a badge in colour and words that lists those nodes.
import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { isErroredStatus } from "@/lib/statuses";
import type { StatusCount } from "./queries";

type Props = { title: string; counts: StatusCount[]; testId: string };

export function StatusCounts({ title, counts, testId }: Props) {
  const sorted = [...counts].sort(
    (a, b) => Number(isErroredStatus(b.status)) - Number(isErroredStatus(a.status)) || b.count - a.count,
  );
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  return (
    <section className="panel" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>
        {title} <span className="muted small">({total} nodes)</span>
      </h2>
      {sorted.length === 0 ? (
        <p className="muted">No nodes yet.</p>
      ) : (
        <ul className="counts status-list">
          {sorted.map((c) => (
            <li key={c.status}>
              <Link
                href={`/nodes?currentStatus=${encodeURIComponent(c.status)}`}
                className="count-link"
                title={`List the nodes that are ${c.status.replaceAll("_", " ")} now`}
              >
                <StatusBadge status={c.status} count={c.count} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
