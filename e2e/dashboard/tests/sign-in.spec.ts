// Signing in, and what a signed-out visitor gets: nothing but the sign-in page.
import { gql } from "../../src/graphql-client.ts";
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

const PAGES = [
  "/",
  "/workflows",
  "/workflows/00000000-0000-0000-0000-000000000000",
  "/nodes",
  "/clients",
  "/operators",
  "/audit",
];

test("the admin signs in with the admin token and signs out again", async ({ page, context, graphqlUrl }) => {
  await signIn(page, ADMIN);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("signed-in-as")).toContainText("admin");
  // The browser holds a session token (not the admin token), in a cookie its scripts cannot read.
  const cookie = (await context.cookies()).find((c) => c.name === "backbeat_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.value).toMatch(/^bbs_/);
  expect((await gql(graphqlUrl, cookie?.value ?? "", "{ me { login role } }")).me).toEqual({
    login: "admin",
    role: "ADMIN",
  });

  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/workflows");
  await expect(page).toHaveURL(/\/signin/);
  // Signing out ended the session on the server too.
  const refused = await gql(graphqlUrl, cookie?.value ?? "", "{ me { login } }").catch(
    (e: { code?: string }) => e.code,
  );
  expect(refused).toBe("UNAUTHENTICATED");
});

test("after signing in, ?next= leads back into the dashboard and never off it", async ({ page, baseURL }) => {
  const dashboard = new URL(baseURL ?? "").origin;
  const signInFrom = async (next: string) => {
    await page.goto(`/signin?next=${next}`);
    await page.getByLabel("Login").fill(ADMIN.login);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByTestId("signin-submit").click();
    await expect(page.getByTestId("signed-in-as")).toContainText(ADMIN.login);
  };
  await signInFrom(encodeURIComponent("/workflows?name=camera"));
  await expect(page).toHaveURL(`${dashboard}/workflows?name=camera`);
  // %09 is a tab: the browser drops it from "/\t/evil.example/", which then names another host.
  await signInFrom("/%09/evil.example/");
  await expect(page).toHaveURL(`${dashboard}/`);
});

test("a wrong password is refused and nobody is signed in", async ({ page, context }) => {
  await page.goto("/signin");
  await page.getByLabel("Login").fill("admin");
  await page.getByLabel("Password").fill("not-the-admin-token");
  await page.getByTestId("signin-submit").click();
  await expect(page.getByTestId("signin-error")).toHaveText("Wrong login or password.");
  await expect(page).toHaveURL(/\/signin/);
  expect((await context.cookies()).filter((c) => c.name === "backbeat_session")).toEqual([]);
  // An unknown login gets the very same answer.
  await page.getByLabel("Login").fill("nobody-here");
  await page.getByLabel("Password").fill("whatever-password");
  await page.getByTestId("signin-submit").click();
  await expect(page.getByTestId("signin-error")).toHaveText("Wrong login or password.");
});

test("signed out, every page redirects to the sign-in page", async ({ page }) => {
  for (const path of PAGES) {
    const response = await page.goto(path);
    await expect(page, `visiting ${path}`).toHaveURL(/\/signin/);
    expect(response?.status(), `visiting ${path}`).toBe(200);
    await expect(page.getByTestId("signin-form")).toBeVisible();
    await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  }
});

test("signed out, the dashboard's routes and the server's GraphQL give nothing", async ({ request, graphqlUrl }) => {
  for (const path of PAGES) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), `GET ${path}`).toBe(307);
    expect(response.headers()["location"], `GET ${path}`).toMatch(/\/signin/);
  }
  // The live-updates route (server-sent events relayed from the server's subscription) refuses too.
  const live = await request.get("/api/workflows/00000000-0000-0000-0000-000000000000/events", { maxRedirects: 0 });
  expect(live.status()).toBe(401);
  // So do the overview's feed and the waterfall's attempt histories.
  for (const path of ["/api/events", "/api/workflows/00000000-0000-0000-0000-000000000000/attempts?node=x"]) {
    expect((await request.get(path, { maxRedirects: 0 })).status(), `GET ${path}`).toBe(401);
  }
  // The server itself answers no query without a token.
  const anonymous = await request.post(graphqlUrl, {
    data: { query: "{ workflows(first: 5) { edges { node { id subject } } } }" },
  });
  const body = (await anonymous.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  expect(body.data ?? null).toBeNull();
  expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  const me = await request.post(graphqlUrl, { data: { query: "{ me { login } }" } });
  const meBody = (await me.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  expect(meBody.data ?? null).toBeNull();
});
