// Delegation (issue 10): a node may run at a client other than its workflow's owner only if that
// client accepts work from the owner (clients.accepts_work_from, set by operators). This is the one
// rule for what such a node's client may read of the workflow: claim-pull-nodes.ts and
// find-node-workflow.ts both use it.
import { raw } from "../sql.ts";

/** True when node `n`'s client may read workflow `w`: it owns it, or it accepts work from its owner. */
export const NODE_CLIENT_SEES_WORKFLOW = raw(
  `(w.client_id = n.client_id OR w.client_id = ANY(coalesce((SELECT c.accepts_work_from FROM clients c WHERE c.id = n.client_id), '{}'::uuid[])))`,
);
