// The GraphQL operation of /audit: audit.graphql, typed by codegen (src/generated/graphql.ts).
import type { OperatorActionsQuery } from "@/generated/graphql";

export { OperatorActionsDocument as OPERATOR_ACTIONS } from "@/generated/graphql";

type OperatorActionPage = OperatorActionsQuery["operatorActions"];
export type OperatorActionRow = OperatorActionPage["edges"][number]["node"];

export const PAGE_SIZE = 50;
