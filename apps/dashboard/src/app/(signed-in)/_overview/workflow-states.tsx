// Workflows by state, as the workflow header names them (core's rule, counted by the server): what is failed
// and needs attention first, then paused, running, waiting on a timer and complete. Colour and words.
import Link from "next/link";
import type { WorkflowStateCount } from "./queries";

const LOOK: Record<string, { label: string; tone: string; order: number }> = {
  failed: { label: "failed — needs attention", tone: "bad", order: 0 },
  paused: { label: "paused", tone: "warn", order: 1 },
  running: { label: "running", tone: "busy", order: 2 },
  waiting: { label: "waiting on a timer", tone: "busy", order: 3 },
  complete: { label: "complete", tone: "ok", order: 4 },
};

export function WorkflowStates({ counts }: { counts: WorkflowStateCount[] }) {
  const sorted = [...counts].sort((a, b) => (LOOK[a.state]?.order ?? 9) - (LOOK[b.state]?.order ?? 9));
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  return (
    <section aria-labelledby="workflow-states-title">
      <h2 id="workflow-states-title">
        Workflows <span className="muted small">({total})</span>
      </h2>
      <ul className="workflow-states" data-testid="workflow-states">
        {sorted.map((c) => {
          const look = LOOK[c.state] ?? { label: c.state, tone: "idle", order: 9 };
          const tile = (
            <>
              <strong className="state-count">{c.count}</strong>
              <span className="state-label">{look.label}</span>
            </>
          );
          return (
            <li
              key={c.state}
              className={`state-tile tone-${c.count > 0 ? look.tone : "idle"}`}
              data-testid={`workflow-state-${c.state}`}
              data-count={c.count}
            >
              {c.state === "failed" && c.count > 0 ? (
                <Link href="/workflows?currentStatus=errored" title="List the workflows with a failed node">
                  {tile}
                </Link>
              ) : (
                tile
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
