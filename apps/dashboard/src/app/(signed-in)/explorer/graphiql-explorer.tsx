"use client";
// GraphiQL from the installed package (no CDN): its Monaco editors run their language services in web workers,
// which the bundler builds from `new Worker(new URL(…, import.meta.url))` in graphiql's webpack/Turbopack setup.
import "graphiql/setup-workers/webpack";
import { GraphiQL } from "graphiql";
import "graphiql/style.css";
import { GraphQLError, type ExecutionResult } from "graphql";
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

const fetcher: Fetcher = async (params) => {
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
