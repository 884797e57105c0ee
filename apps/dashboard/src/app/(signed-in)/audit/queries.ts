// The GraphQL operation of /audit.

export type OperatorActionRow = {
  id: string;
  operator: string;
  action: string;
  target: unknown;
  result: string;
  message: string | null;
  createdAt: string;
};

export type OperatorActionPage = {
  edges: { cursor: string; node: OperatorActionRow }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
};

export const PAGE_SIZE = 50;

export const OPERATOR_ACTIONS = /* GraphQL */ `
  query OperatorActions($first: Int!, $after: String) {
    operatorActions(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          operator
          action
          target
          result
          message
          createdAt
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`;
