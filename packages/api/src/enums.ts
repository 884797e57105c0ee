// The GraphQL enums, and the one place where their names meet the engine's vocabulary: GraphQL
// spells values upper-case (SENT_TO_CLIENT), the engine and the database lower-case
// (sent_to_client). Each TypeScript enum below has the GraphQL name as key and the engine's string
// as value, so graphql-js converts both ways by itself: resolvers receive and return engine strings.
import {
  CLIENT_STATUSES,
  NODE_ACTIONS,
  NODE_MODES,
  NODE_TYPES,
  SERVER_STATUSES,
  STATUS_REPORTS,
  type ClientStatus as EngineClientStatus,
  type NodeAction as EngineNodeAction,
  type NodeMode as EngineNodeMode,
  type NodeType as EngineNodeType,
  type ServerStatus as EngineServerStatus,
  type StatusReport,
} from "@backbeat/core";
import { registerEnumType } from "type-graphql";

export enum NodeMode {
  BLOCKING = "blocking",
  NON_BLOCKING = "non_blocking",
  FIRE_AND_FORGET = "fire_and_forget",
}

export enum NodeType {
  DECISION = "decision",
  ACTIVITY = "activity",
  FLAG = "flag",
}

export enum ServerStatus {
  PENDING = "pending",
  READY = "ready",
  STARTED = "started",
  SENT_TO_CLIENT = "sent_to_client",
  PROCESSING_CHILDREN = "processing_children",
  COMPLETE = "complete",
  ERRORED = "errored",
  DEACTIVATED = "deactivated",
  RETRYING = "retrying",
  RETRIES_EXHAUSTED = "retries_exhausted",
  PAUSED = "paused",
}

export enum ClientStatus {
  PENDING = "pending",
  READY = "ready",
  RECEIVED = "received",
  PROCESSING = "processing",
  COMPLETE = "complete",
  ERRORED = "errored",
  RESOLVED = "resolved",
  SHUTDOWN = "shutdown",
}

export enum StatusType {
  SERVER = "server",
  CLIENT = "client",
}

export enum NodeStatusReport {
  PROCESSING = "processing",
  COMPLETED = "completed",
  ERRORED = "errored",
  RESOLVED = "resolved",
  SHUTDOWN = "shutdown",
  CANCELED = "canceled",
  DEACTIVATED = "deactivated",
}

/** An operator's action on one node (Node.allowedActions). */
export enum NodeAction {
  RESTART = "restart",
  RESOLVE = "resolve",
  SHUTDOWN = "shutdown",
  CANCEL = "cancel",
  RESET = "reset",
  SCHEDULE = "schedule",
}

registerEnumType(NodeMode, { name: "NodeMode" });
registerEnumType(NodeType, {
  name: "NodeType",
  description:
    "The original's legacy_type: DECISION nodes go to the decision endpoint, FLAG nodes never reach a client.",
});
registerEnumType(ServerStatus, { name: "ServerStatus" });
registerEnumType(NodeAction, {
  name: "NodeAction",
  description:
    "An operator's action on a node: RESTART (restartNode), RESOLVE / SHUTDOWN / CANCEL (reportNodeStatus), RESET (resetNode), SCHEDULE (scheduleNode).",
});
registerEnumType(ClientStatus, { name: "ClientStatus" });
registerEnumType(StatusType, { name: "StatusType" });
registerEnumType(NodeStatusReport, {
  name: "NodeStatusReport",
  description:
    "What a client (or an operator) reports about a node: PUT /activities/:id/status/:status in the original.",
});

// Compile-time proof that every enum holds exactly the engine's values (a new status in the core
// that is missing here, or a typo, fails the typecheck).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const proofs: [
  Same<`${NodeMode}`, EngineNodeMode>,
  Same<`${NodeType}`, EngineNodeType>,
  Same<`${ServerStatus}`, EngineServerStatus>,
  Same<`${ClientStatus}`, EngineClientStatus>,
  Same<`${NodeStatusReport}`, StatusReport>,
  Same<`${NodeAction}`, EngineNodeAction>,
] = [true, true, true, true, true, true];
void proofs;

// ...and at run time, that the core's lists did not grow (the type proof covers the union only).
const lists: [readonly string[], object][] = [
  [NODE_MODES, NodeMode],
  [NODE_TYPES, NodeType],
  [SERVER_STATUSES, ServerStatus],
  [CLIENT_STATUSES, ClientStatus],
  [STATUS_REPORTS, NodeStatusReport],
  [NODE_ACTIONS, NodeAction],
];
for (const [engine, graphql] of lists) {
  if (engine.length !== Object.values(graphql).length)
    throw new Error(`GraphQL enum out of date: ${engine.join(", ")}`);
}

/** Operator roles: the database stores them lower-case. */
export enum OperatorRole {
  VIEWER = "viewer",
  OPERATOR = "operator",
  ADMIN = "admin",
}

registerEnumType(OperatorRole, {
  name: "OperatorRole",
  description: "VIEWER reads everything an operator can read; OPERATOR also acts; ADMIN also manages operators.",
});
