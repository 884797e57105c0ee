// What each node action will do, in words, for the confirmation dialog (semantics of §4.6 of the reference).
// Which of them a node allows now comes from the server (Node.allowedActions, core's node-actions.ts).
import type { NodeAction } from "@/generated/graphql";

export type NodeActionName = Lowercase<NodeAction>;

export function actionEnum(name: NodeActionName): NodeAction {
  return name.toUpperCase() as NodeAction;
}

/** A node's allowed actions as one string: a result of an action is shown while the node still has this key. */
export function actionStateKey(allowed: readonly NodeAction[]): string {
  return [...allowed].sort().join(",") || "none";
}

/** The recommended action's consequence in one sentence (shown beside the highlighted button). */
export const RECOMMENDED_CONSEQUENCE: Partial<Record<NodeActionName, string>> = {
  restart:
    "Recommended: restart — it failed and waits for an operator. It is sent to its client again right away; its failed attempt's children are deactivated.",
};

export const NODE_ACTIONS: {
  name: NodeActionName;
  label: string;
  danger: boolean;
  explain: (node: string) => string;
}[] = [
  {
    name: "restart",
    label: "Restart (retry)",
    danger: false,
    explain: (n) =>
      `Restart “${n}”: the children of its failed attempt are deactivated, and it goes back to ready and is sent to its client again right away (retries left are not reset). Only a failed (errored, retrying or exhausted) or pending node can be restarted.`,
  },
  {
    name: "resolve",
    label: "Resolve",
    danger: false,
    explain: (n) =>
      `Mark “${n}” as resolved: its failure is accepted as handled, its children run, and the workflow continues as if it had succeeded.`,
  },
  {
    name: "shutdown",
    label: "Shut down",
    danger: true,
    explain: (n) =>
      `Shut down “${n}”: like resolve, but if it is blocking, every later sibling (for a signal: every later signal) is deactivated and will never run.`,
  },
  {
    name: "cancel",
    label: "Cancel",
    danger: true,
    explain: (n) =>
      `Cancel “${n}”: the node and everything under it are deactivated and will never run; its parent then moves on.`,
  },
  {
    name: "reset",
    label: "Reset",
    danger: true,
    explain: (n) => `Reset “${n}”: every descendant of the node is deactivated. The node itself is not changed.`,
  },
  {
    name: "schedule",
    label: "Schedule",
    danger: false,
    explain: (n) =>
      `Run the next-node pass on “${n}” now: children that are ready start, and the node completes if nothing is left to wait for. Use it to unstick a node waiting for its children.`,
  },
];
