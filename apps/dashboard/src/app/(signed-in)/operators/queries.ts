// The GraphQL operations of /operators.
import type { OperatorRole } from "@/lib/session";

export type OperatorRow = { id: string; login: string; role: OperatorRole; createdAt: string };

export const ROLES: readonly OperatorRole[] = ["VIEWER", "OPERATOR", "ADMIN"];

export const OPERATORS = /* GraphQL */ `
  query Operators {
    operators {
      id
      login
      role
      createdAt
    }
  }
`;

export const CREATE_OPERATOR = /* GraphQL */ `
  mutation CreateOperator($input: CreateOperatorInput!) {
    createOperator(input: $input) {
      id
      login
      role
    }
  }
`;
