// The one place the dashboard reads its environment (server side only).

/** The Backbeat GraphQL endpoint (HTTP). */
export function graphqlHttpUrl(): string {
  return process.env.BACKBEAT_GRAPHQL_URL ?? "http://localhost:4000/graphql";
}

/** The same endpoint for graphql-ws: http → ws, https → wss. */
export function graphqlWsUrl(): string {
  const url = new URL(graphqlHttpUrl());
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}
