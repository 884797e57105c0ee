// The side panel of one node (?node=<id>): everything about it, why it is not running, and the actions.
import Link from "next/link";
import { CloseOnEscape } from "@/components/close-on-escape";
import { ConfirmAction } from "@/components/confirm-action";
import { StatusBadge } from "@/components/status-badge";
import { actorLabel, type ClientNames } from "@/lib/actor";
import { formatTime, prettyJson } from "@/lib/format";
import { nodeAction } from "./actions";
import { actionEnum, actionStateKey, NODE_ACTIONS, RECOMMENDED_CONSEQUENCE } from "./node-action-texts";
import type { NodeDetail } from "./queries";

type Props = {
  node: NodeDetail;
  workflowId: string;
  closeHref: string;
  nodeHref: (id: string) => string;
  canAct: boolean;
  clients: ClientNames;
};

export function NodePanel({ node, workflowId, closeHref, nodeHref, canAct, clients }: Props) {
  return (
    <aside className="panel side-panel" data-testid="node-panel" aria-label={`Node ${node.name}`}>
      <div className="header-row">
        <h2 style={{ marginTop: 0 }}>{node.name}</h2>
        <Link href={closeHref} scroll={false} aria-label="Close the node panel (Escape)" data-testid="close-node-panel">
          Close ✕
        </Link>
        <CloseOnEscape href={closeHref} />
      </div>
      <p className="counts">
        <StatusBadge kind="server" status={node.serverStatus} />
        <StatusBadge kind="client" status={node.clientStatus} />
      </p>

      <h3>Why is it not running?</h3>
      {node.whyNotRunning.length === 0 ? (
        <p className="muted" data-testid="why-not-running">
          Nothing holds it back: it is running now or has finished.
        </p>
      ) : (
        <ul data-testid="why-not-running">
          {node.whyNotRunning.map((b, i) => (
            <li key={`${b.code}-${i}`} data-code={b.code}>
              {b.message}
              {b.nodeIds.length > 0 ? (
                <>
                  {" "}
                  Waiting for:{" "}
                  {b.nodeIds.slice(0, 10).map((id, j) => (
                    <span key={id}>
                      {j > 0 ? ", " : ""}
                      <Link href={nodeHref(id)} scroll={false}>
                        {id}
                      </Link>
                    </span>
                  ))}
                  {b.nodeIds.length > 10 ? ` and ${b.nodeIds.length - 10} more` : ""}
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {canAct ? <NodeActions node={node} workflowId={workflowId} /> : null}

      <h3>Details</h3>
      <dl className="props">
        <dt>Id</dt>
        <dd className="mono">{node.id}</dd>
        <dt>Mode / type</dt>
        <dd>
          {node.mode.toLowerCase().replaceAll("_", " ")} / {node.type.toLowerCase()}
        </dd>
        <dt>Attempts</dt>
        <dd>{node.attempt}</dd>
        <dt>Retries left</dt>
        <dd>
          {node.retriesRemaining} (every {node.retryInterval} s)
        </dd>
        <dt>Fires at</dt>
        <dd>{formatTime(node.firesAt)}</dd>
        <dt>Deadline</dt>
        <dd>{node.completeBy ? formatTime(node.completeBy) : "none pending"}</dd>
        <dt>Client</dt>
        <dd>{clients[node.clientId] ?? <span className="mono">{node.clientId}</span>}</dd>
        <dt>Parent</dt>
        <dd>
          {node.parentId ? (
            <Link href={nodeHref(node.parentId)} scroll={false} data-testid="node-parent">
              {node.parent?.name ?? node.parentId}
            </Link>
          ) : (
            "the workflow (a signal)"
          )}
        </dd>
        {node.parentLinkId ? (
          <>
            <dt>Linked to</dt>
            <dd className="mono">{node.parentLinkId}</dd>
          </>
        ) : null}
        <dt>Created / updated</dt>
        <dd>
          {formatTime(node.createdAt)} / {formatTime(node.updatedAt)}
        </dd>
      </dl>

      {/* Long JSON scrolls inside its block (globals.css): focusable, so a keyboard can scroll it too. */}
      <h3>Client data</h3>
      <pre tabIndex={0} data-testid="node-client-data">
        {prettyJson(node.clientData)}
      </pre>
      <h3>Metadata</h3>
      <pre tabIndex={0} data-testid="node-metadata">
        {prettyJson(node.metadata)}
      </pre>
      <h3>Response</h3>
      <pre tabIndex={0} data-testid="node-response">
        {node.response === null ? "none" : prettyJson(node.response)}
      </pre>

      <h3>Errors ({node.errors.length})</h3>
      {node.errors.length === 0 ? (
        <p className="muted">No errors.</p>
      ) : (
        <ul data-testid="node-errors">
          {node.errors.map((e) => (
            <li key={e.id}>
              {formatTime(e.createdAt)}: {e.statusType.toLowerCase()} status {e.fromStatus.replaceAll("_", " ")} →
              errored, by {actorLabel(e.actor, clients)}
              {e.response !== null && e.response !== undefined ? (
                <pre tabIndex={0}>{prettyJson(e.response)}</pre>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <h3>History ({node.statusChanges.length} changes)</h3>
      {/* Focusable: on a narrow screen it scrolls sideways inside itself, and keyboard users must reach that. */}
      <table data-testid="node-history" tabIndex={0} aria-label="Status history">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Status</th>
            <th scope="col">Change</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {node.statusChanges.map((c) => (
            <tr key={c.id}>
              <td>{formatTime(c.createdAt)}</td>
              <td>{c.statusType.toLowerCase()}</td>
              <td>
                <StatusBadge status={c.fromStatus} /> → <StatusBadge status={c.toStatus} />
              </td>
              <td>{actorLabel(c.actor, clients)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}

/**
 * Every action, enabled only where the server says the node's statuses allow it (Node.allowedActions); the
 * recommended one first in words and drawn as the primary button. A result is hidden once the node moves on.
 */
function NodeActions({ node, workflowId }: { node: NodeDetail; workflowId: string }) {
  const stateKey = actionStateKey(node.allowedActions);
  const recommended = node.recommendedAction?.toLowerCase();
  const consequence = recommended ? RECOMMENDED_CONSEQUENCE[recommended as keyof typeof RECOMMENDED_CONSEQUENCE] : null;
  const state = `${node.serverStatus.toLowerCase().replaceAll("_", " ")} / ${node.clientStatus.toLowerCase().replaceAll("_", " ")}`;
  return (
    <>
      <h3>Actions</h3>
      {consequence ? (
        <p className="recommended" data-testid="recommended-action" data-action={recommended}>
          {consequence}
        </p>
      ) : node.allowedActions.length === 0 ? (
        <p className="muted" data-testid="recommended-action">
          No action applies: the node is {state}.
        </p>
      ) : null}
      <div className="actions" data-testid="node-actions" data-allowed={stateKey}>
        {NODE_ACTIONS.map((a) => {
          const allowed = node.allowedActions.includes(actionEnum(a.name));
          return (
            <ConfirmAction
              key={`${node.id}-${a.name}`}
              name={a.name}
              label={a.label}
              explanation={a.explain(node.name)}
              action={nodeAction}
              fields={{ op: a.name, nodeId: node.id, workflowId, stateKey }}
              danger={a.danger}
              disabled={!allowed}
              disabledReason={`Not possible while the node is ${state}.`}
              recommended={a.name === recommended}
              stateKey={stateKey}
            />
          );
        })}
      </div>
    </>
  );
}
