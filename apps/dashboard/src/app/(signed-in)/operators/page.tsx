import type { Metadata } from "next";
import { formatTime } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { currentOperator } from "@/lib/session";
import { CreateOperatorForm } from "./create-operator-form";
import { OPERATORS } from "./queries";

export const metadata: Metadata = { title: "Operators · Backbeat" };

export default async function OperatorsPage() {
  const operator = await currentOperator();
  if (operator.role !== "ADMIN") {
    return (
      <>
        <h1>Operators</h1>
        <p className="notice" role="alert" data-testid="admins-only">
          Admins only: you are signed in as {operator.login} ({operator.role.toLowerCase()}). Ask an admin to add or
          change operators.
        </p>
      </>
    );
  }
  const { operators } = await gql(OPERATORS);
  return (
    <>
      <h1>Operators</h1>
      <p className="muted">Who may sign in to this dashboard, and what they may do.</p>
      <table data-testid="operators-table">
        <thead>
          <tr>
            <th scope="col">Login</th>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {operators.map((row) => (
            <tr key={row.id} data-testid={`operator-row-${row.id}`} data-login={row.login}>
              <td>
                <strong>{row.login}</strong>
                {row.id === "admin" ? <span className="muted small"> (the server’s admin token)</span> : null}
              </td>
              <td data-testid="operator-role">
                <span className={`badge ${row.role === "VIEWER" ? "tone-idle" : "tone-busy"}`}>
                  {row.role.toLowerCase()}
                </span>
              </td>
              <td>
                <time dateTime={row.createdAt}>{formatTime(row.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CreateOperatorForm />
    </>
  );
}
