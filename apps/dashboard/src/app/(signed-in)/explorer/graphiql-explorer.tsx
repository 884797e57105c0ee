"use client";
// GraphiQL from the installed package (no CDN): its Monaco editors run their language services in web workers,
// which the bundler builds from `new Worker(new URL(…, import.meta.url))` in graphiql's webpack/Turbopack setup.
import "graphiql/setup-workers/webpack";
import { GraphiQL } from "graphiql";
import "graphiql/style.css";
import { GraphQLError, Kind, parse, type ExecutionResult } from "graphql";
import type { ComponentProps } from "react";

type Fetcher = ComponentProps<typeof GraphiQL>["fetcher"];

/** The dashboard's relay adds the session token on the server; the browser sends only the query. */
const RELAY = "/api/graphql";

const DEFAULT_QUERY = `# Ctrl-Enter runs the query.
{
  me {
    login
    role
  }
}
`;

/** "subscription" when the operation to run is one (it would need a WebSocket, which the relay does not offer). */
function operationType(query: string, operationName?: string | null): string | null {
  try {
    const operations = parse(query).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    return operation?.operation ?? null;
  } catch {
    return null; // The server answers a syntax error in its own words.
  }
}

const fetcher: Fetcher = async (params) => {
  if (operationType(params.query, params.operationName) === "subscription") {
    return {
      errors: [
        new GraphQLError(
          "Subscriptions do not run in the explorer (queries and mutations only): use the SDK or a graphql-ws client.",
        ),
      ],
    };
  }
  const response = await fetch(RELAY, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(params),
    credentials: "same-origin",
  });
  // The session ended (signed out in another tab, or expired at the proxy): back to the sign-in page.
  if (response.status === 401) window.location.assign(`/signin?next=${encodeURIComponent("/explorer")}`);
  try {
    return (await response.json()) as ExecutionResult;
  } catch {
    return { errors: [new GraphQLError(`HTTP ${response.status} without a GraphQL body`)] };
  }
};

export default function GraphiQLExplorer() {
  return (
    <div className="explorer-frame" data-testid="explorer">
      <GraphiQL
        fetcher={fetcher}
        defaultQuery={DEFAULT_QUERY}
        // Headers typed in the explorer would not reach the server (the relay sends only the session token).
        isHeadersEditorEnabled={false}
        forcedTheme="light"
      />
    </div>
  );
}
