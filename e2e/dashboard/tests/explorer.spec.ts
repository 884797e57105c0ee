// The GraphQL explorer (issue 13, item 6): GraphiQL bundled into the dashboard (no CDN), signed-in only. Its
// queries go through the dashboard's /api/graphql relay, which adds the session token on the server and refuses
// requests from other origins (CSRF), signed-out ones, non-JSON ones and oversized ones.
import type { Page } from "@playwright/test";
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

const QUERY = "{ me { login } }";

/** Replaces the operation editor's text (Monaco) by typing it, as an operator would. */
async function typeQuery(page: Page, text: string): Promise<void> {
  const editor = page.locator(".graphiql-query-editor .monaco-editor").first();
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  // insertText, not type(): typed braces would be closed a second time by the editor's auto-closing.
  await page.keyboard.insertText(text);
  await expect(editor.locator(".view-lines")).toHaveText(text.replaceAll(" ", "\u00a0"));
}

test("signed in: the explorer runs a typed query and shows the answer; every request stays on the dashboard", async ({
  page,
  baseURL,
}) => {
  const offHost: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    // data: and blob: URLs (fonts inlined in CSS, worker bootstraps) never leave the browser.
    if ((url.protocol === "http:" || url.protocol === "https:") && url.origin !== new URL(baseURL!).origin)
      offHost.push(request.url());
  });
  await signIn(page, ADMIN);
  // GraphiQL (its CSS and the Monaco editor) is split off into the explorer page: the overview loads none of it.
  const graphiqlLoaded = () =>
    page.evaluate<boolean>(
      `[...document.styleSheets].some((s) => [...s.cssRules].some((r) => r.cssText.includes(".graphiql-container")))`,
    );
  expect(await graphiqlLoaded(), "GraphiQL's stylesheet on the overview").toBe(false);
  await page.getByTestId("nav-explorer").click();
  await expect(page).toHaveURL(/\/explorer$/);
  await expect(page.getByTestId("nav-explorer")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("explorer")).toBeVisible();
  expect(await graphiqlLoaded(), "GraphiQL's stylesheet on the explorer").toBe(true);

  await typeQuery(page, QUERY);
  const relayed = page.waitForResponse((r) => r.url().endsWith("/api/graphql") && r.request().method() === "POST");
  await page.getByRole("button", { name: /execute query/i }).click();
  expect((await relayed).status()).toBe(200);
  const response = page.locator(".graphiql-response .view-lines");
  await expect(response).toContainText(/"login":\s*"admin"/);
  await expect(response).not.toContainText("errors");

  // The schema came through the relay too (GraphiQL's introspection): the documentation names the root type.
  await page.getByRole("button", { name: /show documentation explorer/i }).click();
  await expect(page.locator(".graphiql-doc-explorer")).toContainText("Query");

  // Subscriptions need a WebSocket the relay does not offer: the explorer says so instead of sending one.
  await typeQuery(page, "subscription { nodeEvents { statusChange { id } } }");
  await page.getByRole("button", { name: /execute query/i }).click();
  await expect(response).toContainText("Subscriptions do not run in the explorer");

  expect(offHost, "requests to another host than the dashboard's").toEqual([]);
});

test("signed out: /explorer goes to the sign-in page", async ({ page }) => {
  await page.goto("/explorer");
  await expect(page).toHaveURL(/\/signin\?next=%2Fexplorer$/);
  await expect(page.getByTestId("signin-form")).toBeVisible();
});

test("the relay: same-origin JSON only, signed-in only, bounded; the server still checks the role", async ({
  page,
  baseURL,
  playwright,
  admin,
  tag,
}) => {
  await signIn(page, ADMIN);
  const json = { "content-type": "application/json" };
  const query = { query: QUERY };

  // The dashboard's own page (Origin = the dashboard): relayed with the session token.
  const ok = await page.request.post("/api/graphql", { headers: { ...json, origin: baseURL! }, data: query });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ data: { me: { login: "admin" } } });

  // Another site making the operator's browser post, cookie and all: refused, nothing reaches the server.
  for (const origin of ["http://evil.example", "null"]) {
    const crossSite = await page.request.post("/api/graphql", { headers: { ...json, origin }, data: query });
    expect(crossSite.status(), `Origin ${origin}`).toBe(403);
  }
  const noOrigin = await page.request.post("/api/graphql", { headers: json, data: query });
  expect(noOrigin.status()).toBe(403);
  // A form post (text/plain needs no CORS preflight): refused.
  const plain = await page.request.post("/api/graphql", {
    headers: { "content-type": "text/plain", origin: baseURL! },
    data: JSON.stringify(query),
  });
  expect(plain.status()).toBe(415);
  const huge = await page.request.post("/api/graphql", {
    headers: { ...json, origin: baseURL! },
    data: { query: `{ me { login } } # ${"x".repeat(300 * 1024)}` },
  });
  expect(huge.status()).toBe(413);
  const get = await page.request.get("/api/graphql", { headers: { origin: baseURL! } });
  expect(get.status()).toBe(405);

  // Signed out (no session cookie): 401.
  const anonymous = await playwright.request.newContext({ baseURL });
  const signedOut = await anonymous.post("/api/graphql", { headers: { ...json, origin: baseURL! }, data: query });
  expect(signedOut.status()).toBe(401);
  await anonymous.dispose();

  // A viewer may use the explorer; the server refuses what its role may not do.
  const viewer = { login: `explorer-viewer-${tag}`, password: "viewer-password-1" };
  await admin(`mutation($input: CreateOperatorInput!) { createOperator(input: $input) { id } }`, {
    input: { ...viewer, role: "VIEWER" },
  });
  const viewerContext = await page.context().browser()!.newContext({ baseURL });
  const viewerPage = await viewerContext.newPage();
  await signIn(viewerPage, viewer);
  const post = (data: object) =>
    viewerPage.request.post("/api/graphql", { headers: { ...json, origin: baseURL! }, data });
  expect(await (await post({ query: "{ me { role } }" })).json()).toEqual({ data: { me: { role: "VIEWER" } } });
  const forbidden = (await (
    await post({ query: `mutation { createClient(input: { name: "no-${tag}" }) { token } }` })
  ).json()) as { errors?: { extensions?: { code?: string } }[] };
  expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  await viewerContext.close();
});
