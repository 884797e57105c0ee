// The GraphQL operations of /operators (operators.graphql, typed by codegen: src/generated/graphql.ts).
import type { OperatorRole } from "@/lib/session";

export { CreateOperatorDocument as CREATE_OPERATOR, OperatorsDocument as OPERATORS } from "@/generated/graphql";

export const ROLES: readonly OperatorRole[] = ["VIEWER", "OPERATOR", "ADMIN"];
