// The shapes the client's operations select, written by hand from packages/api/schema.graphql.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type ServerStatus =
  | "COMPLETE"
  | "DEACTIVATED"
  | "ERRORED"
  | "PAUSED"
  | "PENDING"
  | "PROCESSING_CHILDREN"
  | "READY"
  | "RETRIES_EXHAUSTED"
  | "RETRYING"
  | "SENT_TO_CLIENT"
  | "STARTED";
export type ClientStatus =
  "COMPLETE" | "ERRORED" | "PENDING" | "PROCESSING" | "READY" | "RECEIVED" | "RESOLVED" | "SHUTDOWN";
export type NodeStatusReport =
  "CANCELED" | "COMPLETED" | "DEACTIVATED" | "ERRORED" | "PROCESSING" | "RESOLVED" | "SHUTDOWN";
export type NodeMode = "BLOCKING" | "NON_BLOCKING" | "FIRE_AND_FORGET";
export type NodeType = "ACTIVITY" | "DECISION" | "FLAG";

export type StatusChange = {
  id: string;
  statusType: "CLIENT" | "SERVER";
  /** Lower-case stored names, e.g. "sent_to_client". */
  fromStatus: string;
  toStatus: string;
  actor: string;
  response: Json;
  createdAt: string;
};

export type Node = {
  id: string;
  workflowId: string;
  parentId: string | null;
  name: string;
  type: NodeType;
  mode: NodeMode;
  clientId: string;
  serverStatus: ServerStatus;
  clientStatus: ClientStatus;
  clientData: JsonObject;
  metadata: JsonObject;
  response: Json;
  attempt: number;
  retriesRemaining: number;
  retryInterval: number;
  firesAt: string;
  completeBy: string | null;
  createdAt: string;
  updatedAt: string;
};

/** node(id) also returns the audit log and the children's ids. */
export type NodeDetail = Node & { statusChanges: StatusChange[]; children: { id: string; name: string }[] };

export type Workflow = {
  id: string;
  name: string;
  subject: Json;
  decider: string;
  clientId: string;
  complete: boolean;
  paused: boolean;
  createdAt: string;
  updatedAt: string;
};

/** workflow(id) also returns every node and the printable tree. */
export type WorkflowDetail = Workflow & { nodes: Node[]; printTree: string };

/** Options shared by signals and children (SignalInput / ChildNodeInput). */
export type NodeOptions = {
  clientData?: JsonObject;
  metadata?: JsonObject;
  /** When the node may start; a Date or an ISO-8601 string. */
  firesAt?: Date | string;
  retry?: number;
  /** Seconds between retries. */
  retryInterval?: number;
  /** Another client that runs the node. */
  clientId?: string;
  /** A node in another workflow that waits for this one. */
  parentLinkId?: string;
};

export type ChildInput = NodeOptions & { name: string; mode?: NodeMode; type?: NodeType };
