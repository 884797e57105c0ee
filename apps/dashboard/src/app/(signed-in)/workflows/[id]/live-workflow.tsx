"use client";
// The live part of the workflow page: the tree or the timeline, kept current by the SSE route.
import { useCallback } from "react";
import type { TreeNode } from "@/lib/tree-node";
import { NodeTree } from "./node-tree";
import type { TimelineItem } from "./queries";
import { TimelineList } from "./timeline-list";
import { useLiveNodes, type LiveState } from "./use-live-nodes";
import { Waterfall } from "./waterfall";
import { WorkflowSummary } from "./workflow-summary";

type Props = {
  workflowId: string;
  snapshot: TreeNode[];
  /** The status feed position read before the snapshot: the live stream starts right after it. */
  position: string;
  timeline: TimelineItem[] | null;
  /** How many changes the workflow had when the timeline was read (it may show fewer). */
  timelineTotal: number;
  /** Client names by id, for the timeline's "by …". */
  clients: Record<string, string>;
  selectedNodeId: string | null;
  tab: "tree" | "timeline" | "waterfall";
  /** For the summary above the tree. */
  workflow: { paused: boolean; complete: boolean; createdAt: string };
};

const LIVE_TEXT: Record<LiveState, string> = {
  connecting: "connecting…",
  live: "live",
  reconnecting: "reconnecting…",
  "signed-out": "signed out",
  failed: "not live",
};

export function LiveWorkflow({
  workflowId,
  snapshot,
  position,
  timeline,
  timelineTotal,
  clients,
  selectedNodeId,
  tab,
  workflow,
}: Props) {
  const { store, version, live, problem, changes } = useLiveNodes(workflowId, snapshot, position, selectedNodeId);
  // Stable while the tab is: the waterfall's memoized rows take it as a prop.
  const nodeHref = useCallback(
    (nodeId: string) =>
      `/workflows/${encodeURIComponent(workflowId)}?${new URLSearchParams({ ...(tab !== "tree" ? { tab } : {}), node: nodeId }).toString()}`,
    [workflowId, tab],
  );
  return (
    <section>
      <p
        className={`live ${live === "live" ? "on" : "off"}`}
        data-testid="workflow-live"
        data-state={live}
        role="status"
      >
        ● {LIVE_TEXT[live]}
        {problem && live !== "live" ? ` — ${problem}` : ""}
      </p>
      {tab !== "timeline" ? <WorkflowSummary nodes={store.nodes} version={version} workflow={workflow} /> : null}
      {tab === "tree" ? (
        <NodeTree
          nodes={store.nodes}
          order={store.order}
          version={version}
          selectedNodeId={selectedNodeId}
          nodeHref={nodeHref}
        />
      ) : tab === "waterfall" ? (
        <Waterfall
          workflowId={workflowId}
          nodes={store.nodes}
          order={store.order}
          version={version}
          selectedNodeId={selectedNodeId}
          nodeHref={nodeHref}
        />
      ) : (
        <TimelineList
          initial={timeline ?? []}
          initialTotal={timelineTotal}
          live={changes}
          clients={clients}
          nodeHref={nodeHref}
        />
      )}
    </section>
  );
}
