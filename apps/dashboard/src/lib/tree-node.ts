// The fields of a node in the workflow tree: shared by the page's snapshot query, the live event route and the
// browser component that merges the two. (Types and strings only: safe to import from client components.)

export type TreeNode = {
  id: string;
  parentId: string | null;
  name: string;
  mode: "BLOCKING" | "NON_BLOCKING" | "FIRE_AND_FORGET";
  type: "ACTIVITY" | "DECISION" | "FLAG";
  serverStatus: string;
  clientStatus: string;
  firesAt: string;
  retriesRemaining: number;
  completeBy: string | null;
  attempt: number;
  createdAt: string;
  updatedAt: string;
};

export const TREE_NODE_FIELDS = /* GraphQL */ `
  id
  parentId
  name
  mode
  type
  serverStatus
  clientStatus
  firesAt
  retriesRemaining
  completeBy
  attempt
  createdAt
  updatedAt
`;

export type StatusChangeItem = {
  id: string;
  nodeId: string;
  statusType: "SERVER" | "CLIENT";
  fromStatus: string;
  toStatus: string;
  actor: string;
  createdAt: string;
};

export const STATUS_CHANGE_FIELDS = /* GraphQL */ `
  id
  nodeId
  statusType
  fromStatus
  toStatus
  actor
  createdAt
`;

/** One server-sent event of the live route: a status change and the node's state after it. */
export type LiveEvent = { statusChange: StatusChangeItem; node: TreeNode };

/** Status change ids are increasing integers (as strings): compare them as such. */
export function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
