import type { Metadata } from "next";
import { formatTime } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { canAct, currentOperator } from "@/lib/session";
import { CreateClientForm } from "./create-client-form";
import { CLIENTS, type ClientRow } from "./queries";
import "./clients.css";

export const metadata: Metadata = { title: "Clients · Backbeat" };

function workers(count: number): string {
  if (count === 0) return "no worker connected";
  return count === 1 ? "1 worker connected" : `${count} workers connected`;
}

/** Push clients list their endpoints; a client without an activity endpoint pulls. */
function Delivery({ client }: { client: ClientRow }) {
  if (!client.activityEndpoint) return <span data-testid="client-delivery">pull</span>;
  return (
    <ul className="endpoints" data-testid="client-delivery">
      <li>
        <span className="muted">activity</span> <code>{client.activityEndpoint}</code>
      </li>
      {client.decisionEndpoint ? (
        <li>
          <span className="muted">decision</span> <code>{client.decisionEndpoint}</code>
        </li>
      ) : null}
      {client.notificationEndpoint ? (
        <li>
          <span className="muted">notification</span> <code>{client.notificationEndpoint}</code>
        </li>
      ) : null}
    </ul>
  );
}

/** Who may give this client work besides its own workflows (delegation; read-only here). */
function AcceptsWorkFrom({ client, names }: { client: ClientRow; names: Map<string, string> }) {
  if (client.acceptsWorkFrom.length === 0) return <span className="muted">only its own workflows</span>;
  return (
    <ul className="endpoints">
      {client.acceptsWorkFrom.map((id) => (
        <li key={id}>{names.get(id) ?? <code>{id}</code>}</li>
      ))}
    </ul>
  );
}

export default async function ClientsPage() {
  const [operator, { clients }] = await Promise.all([currentOperator(), gql(CLIENTS)]);
  const names = new Map(clients.map((c) => [c.id, c.name]));
  return (
    <>
      <h1>Clients</h1>
      <p className="muted">The applications that run nodes: pushed to their endpoints, or pulled by their workers.</p>
      {clients.length === 0 ? (
        <p className="empty" data-testid="clients-empty">
          No client is registered yet.
        </p>
      ) : (
        <table data-testid="clients-table" tabIndex={0} aria-label="Clients">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Delivery</th>
              <th scope="col">Workers</th>
              <th scope="col">Accepts work from</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {clients.map((client) => (
              <tr key={client.id} data-testid={`client-row-${client.id}`}>
                <td>
                  <strong data-testid="client-name">{client.name}</strong>
                  <div className="muted small mono">{client.id}</div>
                </td>
                <td>
                  <Delivery client={client} />
                </td>
                <td data-testid="client-workers">
                  {client.activityEndpoint && client.connectedWorkers === 0 ? (
                    <span className="muted">not needed (push)</span>
                  ) : (
                    workers(client.connectedWorkers)
                  )}
                </td>
                <td data-testid="client-accepts-work-from">
                  <AcceptsWorkFrom client={client} names={names} />
                </td>
                <td>
                  <time dateTime={client.createdAt}>{formatTime(client.createdAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canAct(operator) ? <CreateClientForm /> : null}
    </>
  );
}
