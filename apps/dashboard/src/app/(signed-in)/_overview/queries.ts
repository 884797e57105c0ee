// The GraphQL operation of the overview page (/): overview.graphql, typed by codegen (src/generated/graphql.ts).
import type { NeedsAttentionQuery, OverviewQuery } from "@/generated/graphql";

export { NeedsAttentionDocument as NEEDS_ATTENTION, OverviewDocument as OVERVIEW } from "@/generated/graphql";

export type Overview = OverviewQuery["overview"];
export type StatusCount = Overview["serverStatusCounts"][number];
export type WorkflowStateCount = Overview["workflowStateCounts"][number];
export type MinuteCount = Overview["perMinute"][number];
export type StuckNode = Overview["oldestStuck"][number];
export type FailedNodes = NeedsAttentionQuery["nodes"];

/** The chart's window. */
export const MINUTES = 60;
