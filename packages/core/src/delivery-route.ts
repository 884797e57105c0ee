// Where a started node goes (reference §7.2): POSTed to one of its client's endpoints, or, for a
// client without the endpoint it needs, left for the client's pull workers (nodesToRun).
import { NODE_TYPES, type NodeType } from "./modes.ts";

export type DeliveryEndpoints = { activityEndpoint: string | null; decisionEndpoint: string | null };

export type DeliveryRoute = { kind: "push"; url: string; envelope: "activity" | "decision" } | { kind: "pull" };

/** A decision goes to the decision endpoint when the client has one; everything else to the activity endpoint. */
export function deliveryRoute(node: { type: NodeType }, client: DeliveryEndpoints): DeliveryRoute {
  if (node.type === "decision" && client.decisionEndpoint)
    return { kind: "push", url: client.decisionEndpoint, envelope: "decision" };
  if (client.activityEndpoint) return { kind: "push", url: client.activityEndpoint, envelope: "activity" };
  return { kind: "pull" };
}

/** The node types a client's pull workers receive: those deliveryRoute does not push. */
export function pulledNodeTypes(client: DeliveryEndpoints): NodeType[] {
  return NODE_TYPES.filter((type) => deliveryRoute({ type }, client).kind === "pull");
}
