import type { Metadata } from "next";
import Link from "next/link";
import { formatTime } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { LiveRefresh } from "./_overview/live-refresh";
import { NeedsAttention } from "./_overview/needs-attention";
import { NEEDS_ATTENTION, OVERVIEW, MINUTES } from "./_overview/queries";
import { StatusCounts } from "./_overview/status-counts";
import { StuckNodes } from "./_overview/stuck-nodes";
import { ThroughputChart } from "./_overview/throughput-chart";
import { WorkflowStates } from "./_overview/workflow-states";
import "./_overview/overview.css";

export const metadata: Metadata = { title: "Overview · Backbeat" };

export default async function OverviewPage() {
  const [{ overview }, { nodes: failed }] = await Promise.all([
    gql(OVERVIEW, { minutes: MINUTES }),
    gql(NEEDS_ATTENTION),
  ]);
  const now = Date.now();
  return (
    <>
      <div className="header-row">
        <h1>Overview</h1>
        <p className="muted small" data-testid="overview-as-of">
          <LiveRefresh /> · as of {formatTime(new Date(now).toISOString())} · <Link href="/">Refresh</Link>
        </p>
      </div>
      <WorkflowStates counts={overview.workflowStateCounts} />
      <NeedsAttention failed={failed} now={now} />
      <h2>Throughput, last {MINUTES} minutes</h2>
      <ThroughputChart perMinute={overview.perMinute} />
      <div className="overview-grid">
        <StatusCounts
          title="Nodes by server status"
          counts={overview.serverStatusCounts}
          testId="server-status-counts"
        />
        <StatusCounts
          title="Nodes by client status"
          counts={overview.clientStatusCounts}
          testId="client-status-counts"
        />
      </div>
      <StuckNodes nodes={overview.oldestStuck} now={now} />
    </>
  );
}
