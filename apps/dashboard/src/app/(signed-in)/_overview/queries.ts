// The GraphQL operation of the overview page (/): overview.graphql, typed by codegen (src/generated/graphql.ts).
import type { OverviewQuery } from "@/generated/graphql";

export { OverviewDocument as OVERVIEW } from "@/generated/graphql";

export type Overview = OverviewQuery["overview"];
export type StatusCount = Overview["serverStatusCounts"][number];
export type MinuteCount = Overview["perMinute"][number];
export type StuckNode = Overview["oldestStuck"][number];

/** The chart's window. */
export const MINUTES = 60;
