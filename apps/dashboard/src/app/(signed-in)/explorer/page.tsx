import type { Metadata } from "next";
import { currentOperator } from "@/lib/session";
import { ExplorerLoader } from "./explorer-loader";
import "./explorer.css";

export const metadata: Metadata = { title: "GraphQL explorer · Backbeat" };

/** GraphiQL against the server's GraphQL API, as the signed-in operator (any role; the server checks each one). */
export default async function ExplorerPage() {
  const operator = await currentOperator();
  return (
    <div className="explorer-page">
      <h1>GraphQL explorer</h1>
      <p className="muted explorer-intro">
        Queries and mutations run on the Backbeat server as <strong>{operator.login}</strong> (
        {operator.role.toLowerCase()}), with the same permissions as the dashboard. The schema and its documentation are
        in the explorer&apos;s sidebar.
      </p>
      <ExplorerLoader />
    </div>
  );
}
