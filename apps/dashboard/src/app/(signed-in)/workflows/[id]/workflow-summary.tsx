"use client";
// The workflow's own state above its tree, from the live nodes: failed / paused / done / waiting on a timer /
// running, its age and duration, and its node counts. Rendered after hydration (it reads the clock).
import { useEffect, useMemo, useState } from "react";
import { formatTime, relativeTime } from "@/lib/format";
import type { TreeNode } from "@/lib/tree-node";
import { formatDuration, workflowState } from "@/lib/workflow-state";

type Props = {
  nodes: Map<string, TreeNode>;
  /** Changes whenever the (mutable) node map does. */
  version: number;
  workflow: { paused: boolean; complete: boolean; createdAt: string };
};

export function WorkflowSummary({ nodes, version, workflow }: Props) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, []);
  const state = useMemo(
    () => (now === null ? null : workflowState(nodes.values(), workflow, now)),
    // `version` stands for the node map's contents.
    [nodes, version, workflow, now],
  );
  if (!state || now === null) return null;
  const { counts } = state;
  return (
    <div className="workflow-summary" data-testid="workflow-summary" data-state={state.state}>
      <span className={`badge tone-${state.tone}`} data-testid="workflow-state">
        {state.label}
        {state.until ? ` (${relativeTime(state.until, now)})` : ""}
      </span>
      <span>
        age{" "}
        <time dateTime={workflow.createdAt} title={formatTime(workflow.createdAt)}>
          {formatDuration(now - Date.parse(workflow.createdAt))}
        </time>
      </span>
      <span data-testid="workflow-duration">
        {state.state === "complete" ? "took" : "running for"} {formatDuration(state.durationMs)}
      </span>
      <span data-testid="workflow-counts">
        {counts.total} nodes: {counts.finished} done, {counts.running} unfinished
        {counts.failed > 0 ? `, ${counts.failed} failed` : ""}
      </span>
    </div>
  );
}
