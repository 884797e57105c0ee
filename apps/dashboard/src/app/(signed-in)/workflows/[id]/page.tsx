import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/status-badge";
import { compactJson, formatTime } from "@/lib/format";
import { describeError, GraphQLRequestError } from "@/lib/graphql";
import { param, type SearchParams } from "@/lib/search-params";
import { canAct, currentOperator } from "@/lib/session";
import { LiveWorkflow } from "./live-workflow";
import { NodePanel } from "./node-panel";
import {
  clientNames,
  nodeDetail,
  statusFeedPosition,
  workflowSnapshot,
  workflowTimeline,
  type NodeDetail,
} from "./queries";
import { WorkflowActions } from "./workflow-actions";

export const metadata: Metadata = { title: "Workflow · Backbeat" };

type Tab = "tree" | "timeline" | "waterfall";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

async function loadNode(id: string): Promise<{ node: NodeDetail | null; error: string | null }> {
  try {
    return { node: await nodeDetail(id), error: null };
  } catch (e) {
    if (e instanceof GraphQLRequestError) return { node: null, error: describeError(e).message };
    throw e;
  }
}

export default async function WorkflowPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const asked = param(query, "tab");
  const tab: Tab = asked === "timeline" || asked === "waterfall" ? asked : "tree";
  const selectedNodeId = param(query, "node") ?? null;

  // The position first: everything up to it is in what is read next (snapshot, timeline), and the live stream
  // replays everything after it.
  const position = await statusFeedPosition();
  let workflow: Awaited<ReturnType<typeof workflowSnapshot>>;
  try {
    workflow = await workflowSnapshot(id, tab !== "timeline");
  } catch (e) {
    // A malformed id is as absent as an unknown one.
    if (e instanceof GraphQLRequestError && (e.code === "NOT_FOUND" || e.code === "BAD_USER_INPUT")) notFound();
    throw e;
  }
  if (!workflow) notFound();

  const [operator, clients, timeline, selected] = await Promise.all([
    currentOperator(),
    clientNames(),
    tab === "timeline" ? workflowTimeline(id) : Promise.resolve(null),
    selectedNodeId ? loadNode(selectedNodeId) : Promise.resolve(null),
  ]);

  const base = `/workflows/${encodeURIComponent(id)}`;
  const withTab = (extra: Record<string, string>) => {
    const search = new URLSearchParams({ ...(tab !== "tree" ? { tab } : {}), ...extra }).toString();
    return search ? `${base}?${search}` : base;
  };
  const tabHref = (t: Tab) => {
    const search = new URLSearchParams({
      ...(t !== "tree" ? { tab: t } : {}),
      ...(selectedNodeId ? { node: selectedNodeId } : {}),
    }).toString();
    return search ? `${base}?${search}` : base;
  };
  const { nodes, ...header } = workflow;
  const workflowFlags = { paused: header.paused, complete: header.complete, createdAt: header.createdAt };

  return (
    <>
      <p>
        <Link href="/workflows">← Workflows</Link>
      </p>
      <div className="header-row">
        <div>
          <h1>
            {workflow.name} {workflow.paused ? <StatusBadge status="paused" /> : null}
            {workflow.complete ? <StatusBadge status="complete" /> : null}
          </h1>
          <dl className="props">
            <dt>Subject</dt>
            <dd className="mono">{compactJson(workflow.subject)}</dd>
            <dt>Client</dt>
            <dd>{workflow.client.name}</dd>
            <dt>Decider</dt>
            <dd>{workflow.decider}</dd>
            <dt>Created</dt>
            <dd>{formatTime(workflow.createdAt)}</dd>
            <dt>Id</dt>
            <dd className="mono">{workflow.id}</dd>
          </dl>
        </div>
        {canAct(operator) ? <WorkflowActions workflow={header} /> : null}
      </div>

      <nav className="tabs" aria-label="Views">
        <Link href={tabHref("tree")} aria-current={tab === "tree" ? "page" : undefined} data-testid="tab-tree">
          Tree
        </Link>
        <Link
          href={tabHref("timeline")}
          aria-current={tab === "timeline" ? "page" : undefined}
          data-testid="tab-timeline"
        >
          Timeline
        </Link>
        <Link
          href={tabHref("waterfall")}
          aria-current={tab === "waterfall" ? "page" : undefined}
          data-testid="tab-waterfall"
        >
          Waterfall
        </Link>
      </nav>

      <div className={`split${selectedNodeId ? " with-side" : ""}`}>
        <LiveWorkflow
          key={workflow.id}
          workflowId={workflow.id}
          snapshot={nodes}
          position={position}
          timeline={timeline?.items ?? null}
          timelineTotal={timeline?.total ?? 0}
          clients={clients}
          selectedNodeId={selectedNodeId}
          tab={tab}
          workflow={workflowFlags}
        />
        {selected?.node ? (
          <NodePanel
            node={selected.node}
            workflowId={workflow.id}
            closeHref={withTab({})}
            nodeHref={(nodeId) => withTab({ node: nodeId })}
            canAct={canAct(operator)}
            clients={clients}
          />
        ) : selected ? (
          <aside className="panel side-panel" data-testid="node-panel">
            <p className="error">{selected.error ?? "This node does not exist."}</p>
            <Link href={withTab({})}>Close</Link>
          </aside>
        ) : null}
      </div>
    </>
  );
}
