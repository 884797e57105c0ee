// Finding a workflow, watching its nodes change live, and the operator's actions on it, in a real browser.
import type { Page } from "@playwright/test";
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

/** The server status badge of a node's row in the live tree. */
function serverStatus(page: Page, nodeId: string) {
  return page.getByTestId(`node-row-${nodeId}`).getByTestId("status-server");
}

/** Marks the document, so that a later check can tell the page was never reloaded. */
async function markDocument(page: Page): Promise<void> {
  // A string: this package's TypeScript has no DOM types.
  await page.evaluate(`document.documentElement.setAttribute("data-e2e-marker", "kept")`);
}
async function expectSameDocument(page: Page): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("data-e2e-marker", "kept");
}

async function openLive(page: Page, workflowId: string, nodeId?: string): Promise<void> {
  await page.goto(`/workflows/${workflowId}${nodeId ? `?node=${nodeId}` : ""}`);
  await expect(page.getByTestId("workflow-live")).toHaveAttribute("data-state", "live");
}

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test("finds a workflow by its subject", async ({ page, fakeClient, tag }) => {
  const wanted = await fakeClient.start(`purchase-${tag}`, { order: `order-${tag}`, customer: "ada" }, "charge");
  const other = await fakeClient.start(`purchase-${tag}`, { order: `other-${tag}`, customer: "bob" }, "charge");

  await page.getByTestId("nav-workflows").click();
  const search = page.getByTestId("workflow-search");
  await search.getByLabel("Subject contains").fill(`order-${tag}`);
  await search.getByRole("button", { name: "Search" }).click();

  const results = page.getByTestId("workflow-results");
  await expect(results.getByTestId(`workflow-row-${wanted.workflowId}`)).toBeVisible();
  await expect(results.getByTestId(`workflow-row-${other.workflowId}`)).toHaveCount(0);
  await expect(results.locator("tbody tr")).toHaveCount(1);
  await expect(page).toHaveURL(new RegExp(`subject=order-${tag}`));

  await results.getByRole("link", { name: `purchase-${tag}` }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${wanted.workflowId}`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`purchase-${tag}`);
});

test("a node changes status on the open page without a reload", async ({ page, fakeClient, tag }) => {
  const gate = fakeClient.hold("charge");
  const { workflowId, nodeId } = await fakeClient.start(`live-${tag}`, { order: tag }, "charge");
  await gate.started;

  await openLive(page, workflowId);
  await markDocument(page);
  await expect(page.getByTestId(`node-row-${nodeId}`).getByTestId("status-client")).toHaveAttribute(
    "data-status",
    "processing",
  );

  gate.release();
  await expect(serverStatus(page, nodeId)).toHaveAttribute("data-status", "complete");
  await expect(page.getByTestId(`node-row-${nodeId}`).getByTestId("status-client")).toHaveAttribute(
    "data-status",
    "complete",
  );
  await expectSameDocument(page);
});

test("an errored node is restarted from its panel and completes", async ({ page, fakeClient, tag }) => {
  fakeClient.fail("charge", "the card was declined");
  const { workflowId, nodeId } = await fakeClient.start(`restart-${tag}`, { order: tag }, "charge", { retry: 0 });
  await fakeClient.waitForNode(nodeId, (n) => n.clientStatus === "ERRORED");

  await openLive(page, workflowId, nodeId);
  const panel = page.getByTestId("node-panel");
  await expect(panel.getByTestId("status-client")).toHaveAttribute("data-status", "errored");
  await expect(panel.getByTestId("node-errors")).toContainText("the card was declined");

  // The client is fixed (and holds the node, so the result can be read while it runs); the operator restarts it.
  const gate = fakeClient.hold("charge");
  await panel.getByTestId("action-restart").click();
  await expect(page.getByTestId("confirm-text").filter({ visible: true })).toContainText(
    "the children of its failed attempt are deactivated",
  );
  await page.getByTestId("confirm-action").filter({ visible: true }).click();
  await expect(panel.getByTestId("result-restart")).toContainText("Node restarted");

  gate.release();
  await expect(serverStatus(page, nodeId)).toHaveAttribute("data-status", "complete");
  await fakeClient.waitForNode(nodeId, (n) => n.serverStatus === "COMPLETE");
});

test("a workflow is paused, holds its new work, and runs it once resumed", async ({ page, fakeClient, tag }) => {
  const { workflowId, nodeId: first } = await fakeClient.start(`pause-${tag}`, { order: tag }, "charge");
  await fakeClient.waitForNode(first, (n) => n.serverStatus === "COMPLETE");
  await openLive(page, workflowId);

  await page.getByTestId("action-pause").click();
  await expect(page.getByTestId("confirm-text").filter({ visible: true })).toContainText("Pause");
  await page.getByTestId("confirm-action").filter({ visible: true }).click();
  await expect(page.getByRole("heading", { level: 1 }).getByTestId("status")).toHaveAttribute("data-status", "paused");
  await expect(page.getByTestId("action-resume")).toBeVisible();
  expect((await fakeClient.sdk.workflow(workflowId)).paused).toBe(true);

  // New work waits while the workflow is paused.
  const ship = await fakeClient.sdk.signalWorkflow(workflowId, { name: "ship" });
  await expect(serverStatus(page, ship.id)).toHaveAttribute("data-status", "paused");

  await page.getByTestId("action-resume").click();
  await page.getByTestId("confirm-action").filter({ visible: true }).click();
  await expect(page.getByTestId("action-pause")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 }).getByTestId("status")).toHaveCount(0);
  await expect(serverStatus(page, ship.id)).toHaveAttribute("data-status", "complete");
});
