// Roles: the admin adds a viewer on /operators; the viewer reads but cannot act, and an action forged in
// its name (a replayed dashboard request, or a direct API call with its session) is refused.
import type { Browser, Page, Request } from "@playwright/test";
import { ADMIN, expect, signIn, test, type Credentials } from "../fixtures.ts";
import { gql } from "../../src/graphql-client.ts";

async function addOperator(page: Page, who: Credentials, role: string): Promise<void> {
  await page.goto("/operators");
  const form = page.getByTestId("create-operator-form");
  await form.getByLabel("Login").fill(who.login);
  await form.getByLabel("Password").fill(who.password);
  await form.getByLabel("Role").selectOption(role);
  await form.getByTestId("create-operator-submit").click();
  await expect(page.getByTestId("create-operator-result")).toContainText(`Operator “${who.login}” created`);
  await expect(page.getByTestId("operators-table").locator(`[data-login="${who.login}"]`)).toBeVisible();
}

async function newSignedInPage(browser: Browser, baseURL: string | undefined, who: Credentials) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, who);
  return { context, page };
}

test("the admin adds an operator; a duplicate login is refused", async ({ page, tag }) => {
  await signIn(page, ADMIN);
  const viewer = { login: `viewer-${tag}`, password: "viewer-password-1" };
  await addOperator(page, viewer, "VIEWER");
  await expect(page.getByTestId("operators-table").locator(`[data-login="${viewer.login}"]`)).toContainText("viewer");

  const form = page.getByTestId("create-operator-form");
  await form.getByLabel("Login").fill(viewer.login);
  await form.getByLabel("Password").fill("another-password");
  await form.getByTestId("create-operator-submit").click();
  await expect(page.getByTestId("create-operator-result")).toHaveClass(/error/);
  await expect(page.getByTestId("create-operator-result")).toContainText("Refused");
});

test("a viewer sees everything, acts on nothing, and a forged action is refused", async ({
  page,
  browser,
  baseURL,
  fakeClient,
  graphqlUrl,
  tag,
}) => {
  fakeClient.fail("charge");
  const { workflowId, nodeId } = await fakeClient.start(`viewer-${tag}`, { order: tag }, "charge", { retry: 0 });
  await fakeClient.waitForNode(nodeId, (n) => n.clientStatus === "ERRORED");

  // The admin pauses and resumes the workflow once; the pause request is kept to be replayed by the viewer.
  await signIn(page, ADMIN);
  const viewer = { login: `viewer-${tag}`, password: "viewer-password-1" };
  await addOperator(page, viewer, "VIEWER");
  await page.goto(`/workflows/${workflowId}`);
  await page.getByTestId("action-pause").click();
  const pauseRequest: Promise<Request> = page.waitForRequest(
    (r) => r.method() === "POST" && !!r.headers()["next-action"],
  );
  await page.getByTestId("confirm-action").filter({ visible: true }).click();
  const pause = await pauseRequest;
  await page.getByTestId("action-resume").click();
  await page.getByTestId("confirm-action").filter({ visible: true }).click();
  await expect(page.getByTestId("action-pause")).toBeVisible();

  const { context, page: viewerPage } = await newSignedInPage(browser, baseURL, viewer);
  try {
    await expect(viewerPage.getByTestId("signed-in-as")).toContainText("viewer");
    // Reads: the workflow, its tree and the errored node's panel, with no action anywhere.
    await viewerPage.goto(`/workflows/${workflowId}?node=${nodeId}`);
    await expect(viewerPage.getByTestId("node-panel").getByTestId("status-client")).toHaveAttribute(
      "data-status",
      "errored",
    );
    await expect(viewerPage.locator('[data-testid^="action-"]')).toHaveCount(0);
    await viewerPage.goto("/nodes");
    await expect(viewerPage.getByTestId("node-search")).toBeVisible();
    await expect(viewerPage.getByTestId("bulk-preview-retry")).toHaveCount(0);
    await viewerPage.goto("/clients");
    await expect(viewerPage.getByTestId("clients-table")).toBeVisible();
    await expect(viewerPage.getByTestId("create-client-form")).toHaveCount(0);
    await viewerPage.goto("/operators");
    await expect(viewerPage.getByTestId("admins-only")).toContainText("Admins only");
    await expect(viewerPage.getByTestId("create-operator-form")).toHaveCount(0);

    // Forged 1: the admin's pause request, replayed with the viewer's session cookie.
    const replay = await context.request.fetch(pause.url(), {
      method: "POST",
      headers: {
        "next-action": pause.headers()["next-action"] ?? "",
        "content-type": pause.headers()["content-type"] ?? "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: new URL(pause.url()).origin,
      },
      data: pause.postDataBuffer() ?? "",
    });
    expect(await replay.text()).toContain("FORBIDDEN");

    // Forged 2: the viewer's own session token straight to the server.
    const cookie = (await context.cookies()).find((c) => c.name === "backbeat_session");
    expect(cookie?.httpOnly).toBe(true);
    const refused = await gql(graphqlUrl, cookie?.value ?? "", `mutation($n: ID!) { restartNode(id: $n) { id } }`, {
      n: nodeId,
    }).catch((e: { code?: string }) => e.code);
    expect(refused).toBe("FORBIDDEN");
  } finally {
    await context.close();
  }

  // Nothing changed: the workflow is not paused, the node is still errored.
  const after = await fakeClient.sdk.workflow(workflowId);
  expect(after.paused).toBe(false);
  await fakeClient.waitForNode(nodeId, (n) => n.clientStatus === "ERRORED");

  // The audit log names both refusals.
  await page.goto("/audit");
  const refusals = page.getByTestId("audit-table").locator('tr[data-result="FORBIDDEN"]', { hasText: viewer.login });
  await expect(refusals.filter({ hasText: "pauseWorkflow" })).toHaveCount(1);
  await expect(refusals.filter({ hasText: "restartNode" })).toHaveCount(1);
});
