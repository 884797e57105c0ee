// The API's front door over real HTTP: GET / names the product and links to the dashboard, its GraphQL explorer
// and the GraphQL endpoint; a browser's GET /graphql gets that page instead of Apollo's CSRF error; programs are
// unaffected.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startServer, type TestServer } from "./support.ts";

const DASHBOARD = "http://dashboard.example:3000";
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

describe("the API's front door", () => {
  let s: TestServer;
  let root: string;
  before(async () => {
    s = await startServer({ dashboardUrl: DASHBOARD });
    root = s.url.replace(/\/graphql$/, "");
  });
  after(() => s.close());

  it("GET / from a browser: a page naming Backbeat with links to the dashboard and the GraphQL endpoint", async () => {
    const res = await fetch(`${root}/`, { headers: { accept: BROWSER_ACCEPT } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/html/);
    const html = await res.text();
    assert.match(html, /<h1>Backbeat<\/h1>/);
    assert.match(html, new RegExp(`href="${DASHBOARD}"`));
    assert.match(html, new RegExp(`href="${DASHBOARD}/explorer" data-testid="explorer-link"`));
    assert.ok(html.includes(`POST ${s.url}`), "names the GraphQL endpoint");
    assert.ok(html.includes(`ws://127.0.0.1:`), "names the WebSocket endpoint");
    assert.doesNotMatch(html, /graphql-note/, "the GraphQL note only on /graphql");
  });

  it("GET / asking for JSON: the same facts as JSON", async () => {
    const res = await fetch(`${root}/`, { headers: { accept: "application/json" } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, string>;
    assert.equal(body.name, "Backbeat");
    assert.equal(body.dashboard, DASHBOARD);
    assert.equal(body.explorer, `${DASHBOARD}/explorer`);
    assert.equal(body.graphql, s.url);
  });

  it("GET /graphql from a browser: the front page with how the endpoint is used, not the CSRF error", async () => {
    const res = await fetch(s.url, { headers: { accept: BROWSER_ACCEPT } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/html/);
    const html = await res.text();
    assert.match(html, /data-testid="graphql-note"/);
    assert.match(html, /This is the GraphQL endpoint/);
    assert.match(html, new RegExp(`<a href="${DASHBOARD}/explorer">GraphQL explorer</a>`));
    assert.match(html, new RegExp(`href="${DASHBOARD}"`));
    assert.doesNotMatch(html, /CSRF/i);
  });

  it("programs are unaffected: a GET without HTML stays Apollo's, and POST runs queries", async () => {
    const json = await fetch(s.url, { headers: { accept: "application/json" } });
    assert.equal(json.status, 400);
    assert.match(json.headers.get("content-type") ?? "", /json/);
    // A GET that carries a query is a GraphQL request even from a browser (Apollo's CSRF rule applies).
    const withQuery = await fetch(`${s.url}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: BROWSER_ACCEPT },
    });
    assert.notEqual(withQuery.status, 200);
    assert.match(withQuery.headers.get("content-type") ?? "", /json/);
    const post = await s.gql(null, `{ __typename }`);
    assert.notEqual(post.status, 404);
  });

  it("a dashboard URL ending in / links to its /explorer without a double slash", async () => {
    const t = await startServer({ dashboardUrl: "https://ops.example/" });
    try {
      const body = (await (await fetch(t.url.replace(/\/graphql$/, "/"))).json()) as Record<string, string>;
      assert.equal(body.explorer, "https://ops.example/explorer");
    } finally {
      await t.close();
    }
  });

  it("the dashboard URL is escaped in the page", async () => {
    const t = await startServer({ dashboardUrl: `http://x/"><script>alert(1)</script>` });
    try {
      const html = await (await fetch(t.url.replace(/\/graphql$/, "/"), { headers: { accept: "text/html" } })).text();
      assert.doesNotMatch(html, /<script>/);
      assert.match(html, /&#60;script&#62;/);
    } finally {
      await t.close();
    }
  });
});
