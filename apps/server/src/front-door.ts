// The API's front door: `GET /` names the product and links to the dashboard, its GraphQL explorer (GraphiQL,
// signed-in operators) and the GraphQL endpoint, and a browser opening `GET /graphql` (Accept: text/html, no query)
// gets the same page instead of Apollo's CSRF refusal. Programs asking for JSON get the same facts as JSON.
// Nothing here needs a token or the database.
import type { NextFunction, Request, Response } from "express";

export type FrontDoorOptions = {
  /** Where operators find the dashboard (BACKBEAT_DASHBOARD_URL). */
  dashboardUrl: string;
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The dashboard's GraphQL explorer (its /explorer page). */
const explorerUrl = (dashboardUrl: string) => `${dashboardUrl.replace(/\/+$/, "")}/explorer`;

function page(dashboardUrl: string, graphqlUrl: string, wsUrl: string, fromGraphql: boolean): string {
  const dashboard = escapeHtml(dashboardUrl);
  const explorer = escapeHtml(explorerUrl(dashboardUrl));
  const graphql = escapeHtml(graphqlUrl);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Backbeat API</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; color: #1b1f24; background: #f6f7f9; margin: 0; }
main { max-width: 42rem; margin: 0 auto; padding: 2rem 1.25rem; }
a { color: #1f5fbf; }
code { background: #eceef1; padding: 0.1em 0.35em; border-radius: 4px; overflow-wrap: anywhere; }
.note { background: #e3edfc; color: #1a4a94; padding: 0.6rem 0.8rem; border-radius: 6px; }
li { margin: 0.4rem 0; }
</style>
</head>
<body>
<main>
<h1>Backbeat</h1>
<p>A durable workflow server: it runs your workflows' nodes through your applications and keeps every status change.</p>
${
  fromGraphql
    ? `<p class="note" data-testid="graphql-note">This is the GraphQL endpoint. Programs send <code>POST ${graphql}</code> with a JSON body <code>{"query": …}</code> and <code>Authorization: Bearer &lt;token&gt;</code>; subscriptions use WebSocket (graphql-ws) at <code>${escapeHtml(wsUrl)}</code>. A browser has nothing to run here: try queries in the dashboard's <a href="${explorer}">GraphQL explorer</a>.</p>`
    : ""
}
<ul>
<li><a href="${dashboard}" data-testid="dashboard-link">Open the dashboard</a> (<code>${dashboard}</code>): workflows, the live node tree, operator actions.</li>
<li><a href="${explorer}" data-testid="explorer-link">Open the GraphQL explorer</a> (GraphiQL in the dashboard, for signed-in operators): run queries and mutations as yourself, browse the schema's documentation.</li>
<li>GraphQL API: <code>POST ${graphql}</code> (queries and mutations), <code>${escapeHtml(wsUrl)}</code> (subscriptions). The schema is introspectable; the SDK is <code>@backbeat/client</code>.</li>
<li><a href="/health">/health</a> (liveness and the database) · <a href="/metrics">/metrics</a> (Prometheus)</li>
</ul>
</main>
</body>
</html>
`;
}

function urls(req: Request) {
  const host = req.get("host") ?? "localhost";
  return {
    graphql: `${req.protocol}://${host}/graphql`,
    ws: `${req.protocol === "https" ? "wss" : "ws"}://${host}/graphql`,
  };
}

/** Answers GET / (HTML for browsers, JSON otherwise). */
export function frontDoor({ dashboardUrl }: FrontDoorOptions) {
  return (req: Request, res: Response) => {
    const { graphql, ws } = urls(req);
    if (req.accepts(["json", "html"]) === "html") {
      res.type("html").send(page(dashboardUrl, graphql, ws, false));
      return;
    }
    res.json({
      name: "Backbeat",
      dashboard: dashboardUrl,
      explorer: explorerUrl(dashboardUrl),
      graphql,
      graphqlWebSocket: ws,
      health: "/health",
    });
  };
}

/**
 * GET /graphql from a browser (it prefers HTML and sends no query): the front page with a note on how the
 * endpoint is used. Everything else goes on to Apollo unchanged.
 */
export function graphqlLandingForBrowsers({ dashboardUrl }: FrontDoorOptions) {
  return (req: Request, res: Response, next: NextFunction) => {
    const browser = req.method === "GET" && req.query.query === undefined && req.accepts(["json", "html"]) === "html";
    if (!browser) {
      next();
      return;
    }
    const { graphql, ws } = urls(req);
    res.type("html").send(page(dashboardUrl, graphql, ws, true));
  };
}
