// Which operator actions a node's statuses allow, named once: the API answers Node.allowedActions
// from here, and the dashboard offers only these. Each action is the status steps it writes on the
// node itself (checked against the tables in statuses.ts) plus what the engine asks besides.
import { isFailed, isFinished, isRestartable } from "./status-rules.ts";
import { canTransitionClient, canTransitionServer, type ClientStatus, type ServerStatus } from "./statuses.ts";

export const NODE_ACTIONS = ["restart", "resolve", "shutdown", "cancel", "reset", "schedule"] as const;
export type NodeAction = (typeof NODE_ACTIONS)[number];

type Statuses = { serverStatus: string; clientStatus: string };

type ActionRule = {
  /** The statuses the action moves the node itself to (none: it acts on other nodes only). */
  server?: ServerStatus;
  client?: ClientStatus;
  /** What the engine checks besides the tables. */
  also?: (node: Statuses) => boolean;
};

const notFinished = (node: Statuses) => !isFinished(node.serverStatus);

export const NODE_ACTION_RULES: Readonly<Record<NodeAction, ActionRule>> = {
  // restartNode → retryNode: both statuses back to ready (engine: isRestartable).
  restart: { server: "ready", client: "ready", also: isRestartable },
  // A RESOLVED / SHUTDOWN report → clientFinished: the client's work is over, children run next.
  resolve: { server: "processing_children", client: "resolved" },
  shutdown: { server: "processing_children", client: "shutdown" },
  // A CANCELED report deactivates the node and its subtree; a finished node has nothing left to stop.
  cancel: { server: "deactivated", also: notFinished },
  // resetNode deactivates the node's descendants and leaves the node as it is.
  reset: { also: notFinished },
  // scheduleNode runs the next-node pass, which completes a node waiting for its children.
  schedule: { server: "complete" },
};

export function isNodeActionAllowed(action: NodeAction, node: Statuses): boolean {
  const rule = NODE_ACTION_RULES[action];
  const server = node.serverStatus as ServerStatus;
  const client = node.clientStatus as ClientStatus;
  if (rule.server && !canTransitionServer(server, rule.server)) return false;
  if (rule.client && !canTransitionClient(client, rule.client)) return false;
  return rule.also ? rule.also(node) : true;
}

/** The actions an operator may take on the node now, in NODE_ACTIONS order. */
export function allowedNodeActions(node: Statuses): NodeAction[] {
  return NODE_ACTIONS.filter((action) => isNodeActionAllowed(action, node));
}

/** The action most operators want for this node now: restart a failed node; else none. */
export function recommendedNodeAction(node: Statuses): NodeAction | null {
  return isFailed(node) && isNodeActionAllowed("restart", node) ? "restart" : null;
}
