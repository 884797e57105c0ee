// The public shapes, derived from the types graphql-codegen generates from packages/api/schema.graphql
// (src/generated/graphql.ts): a change of the schema or of an operation shows up here at compile time.
import type {
  ChildNodeInput,
  ClientStatus,
  CreateClientMutation,
  NodeFieldsFragment,
  NodeMode,
  NodeQuery,
  NodeStatusReport,
  NodeType,
  ServerStatus,
  SignalInput,
  WorkflowFieldsFragment,
  WorkflowQuery,
} from "./generated/graphql.ts";
import type { JsonObject } from "./json.ts";

export type { Json, JsonObject } from "./json.ts";
export type { ClientStatus, NodeMode, NodeStatusReport, NodeType, ServerStatus };

/** The API's JSON scalar is any JSON; clientData and metadata are always objects. */
export type Node = Omit<NodeFieldsFragment, "clientData" | "metadata"> & {
  clientData: JsonObject;
  metadata: JsonObject;
};

type QueriedNode = NonNullable<NodeQuery["node"]>;
export type StatusChange = QueriedNode["statusChanges"][number];

/** node(id) also returns the audit log and the children's ids. */
export type NodeDetail = Node & Pick<QueriedNode, "statusChanges" | "children">;

export type Workflow = WorkflowFieldsFragment;

/** workflow(id) also returns every node and the printable tree. */
export type WorkflowDetail = Workflow & {
  nodes: Node[];
  printTree: NonNullable<WorkflowQuery["workflow"]>["printTree"];
};

/** What createClient returns once (the token and signing secret are never shown again). */
export type ClientCredentials = CreateClientMutation["createClient"];

/** Options shared by signals and children (SignalInput / ChildNodeInput), with plain JSON objects and Dates. */
export type NodeOptions = Omit<SignalInput, "name" | "clientData" | "metadata" | "firesAt" | "idempotencyKey"> & {
  clientData?: JsonObject;
  metadata?: JsonObject;
  /** When the node may start; a Date or an ISO-8601 string. */
  firesAt?: Date | string;
  /** How many times the server retries the node after an ERRORED report. */
  retry?: number;
  /** Seconds between retries. */
  retryInterval?: number;
  /** Another client that runs the node. */
  clientId?: string;
  /** A node in another workflow that waits for this one. */
  parentLinkId?: string;
};

/** A signal's options: a node's, plus the key that makes a repeated signal create nothing. */
export type SignalOptions = NodeOptions & {
  /** Names this signal (1-200 characters): a repeat with the same key answers the first signal's node. Random when absent. */
  idempotencyKey?: string;
};

export type ChildInput = NodeOptions & Pick<ChildNodeInput, "name"> & { mode?: NodeMode; type?: NodeType };
