// A screenshot of every main page with real data, kept in e2e/dashboard/screenshots/ (git-ignored) for review.
import path from "node:path";
import type { Page } from "@playwright/test";
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

const DIR = path.resolve(import.meta.dirname, "../screenshots");

async function shoot(page: Page, name: string): Promise<void> {
  // No hover effect in the picture.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(DIR, `${name}.png`), fullPage: true });
}

test("screenshots of the main pages", async ({ page, fakeClient, ageNode, tag }) => {
  // A small tree: a signal whose handler adds children; one child fails for good, one is still running.
  fakeClient.on("order", async (ctx) => {
    await ctx.blocking("reserve stock");
    await ctx.nonBlocking("send receipt");
    await ctx.blocking("charge card", { retry: 0 });
    return { accepted: true };
  });
  fakeClient.fail("charge card", "card declined");
  const gate = fakeClient.hold("send receipt");
  const { workflowId } = await fakeClient.start(`shop-order-${tag}`, { order: 1042, customer: "ada" }, "order");
  await gate.started;
  const detail = await fakeClient.sdk.workflow(workflowId);
  const charge = detail.nodes.find((n) => n.name === "charge card");
  const receipt = detail.nodes.find((n) => n.name === "send receipt");
  if (!charge || !receipt) throw new Error("the decision did not add its children");
  await fakeClient.waitForNode(charge.id, (n) => n.clientStatus === "ERRORED");
  // The receipt is still with the client: make it look stuck for a quarter of an hour.
  await fakeClient.waitForNode(receipt.id, (n) => n.clientStatus === "PROCESSING");
  await ageNode(receipt.id, 15);

  await signIn(page, ADMIN);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  await expect(page.getByTestId("throughput-chart")).toBeVisible();
  await expect(page.getByTestId("overview-as-of")).toContainText("UTC");
  await expect(page.getByTestId("stuck-nodes").getByTestId(`node-row-${receipt.id}`)).toBeVisible();
  await shoot(page, "overview");

  await page.goto(`/workflows?name=${encodeURIComponent(`shop-order-${tag}`)}`);
  await expect(page.getByTestId(`workflow-row-${workflowId}`)).toBeVisible();
  await shoot(page, "workflows");

  await page.goto(`/workflows/${workflowId}?node=${charge.id}`);
  await expect(page.getByTestId("workflow-live")).toHaveAttribute("data-state", "live");
  await expect(page.getByTestId("node-panel")).toContainText("charge card");
  await expect(page.getByTestId(`node-row-${charge.id}`)).toBeVisible();
  await shoot(page, "workflow-tree");

  await page.goto("/nodes?currentStatus=errored");
  await expect(page.getByTestId(`node-row-${charge.id}`)).toBeVisible();
  await shoot(page, "nodes");

  await page.goto("/clients");
  await expect(page.getByTestId(`client-row-${fakeClient.id}`)).toBeVisible();
  await shoot(page, "clients");

  await page.goto("/operators");
  await expect(page.getByTestId("operators-table")).toBeVisible();
  await shoot(page, "operators");

  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await shoot(page, "audit-log");
});
